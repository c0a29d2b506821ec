import type { PullProgress } from '@samus/kernel';

/** Shows the progress of a model download somewhere (a terminal line, log lines, NDJSON). */
export interface ProgressRenderer {
  /** One progress report of the provider. */
  update(progress: PullProgress): void;
  /** The download ended (`ok` false: failed or aborted); leaves the output ready for the next line. */
  end(ok: boolean): void;
}
