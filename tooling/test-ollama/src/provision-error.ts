/** The provisioning step that failed. */
export type ProvisionStep =
  | 'docker-engine'
  | 'ollama-binary'
  | 'ollama-image'
  | 'model-files'
  | 'models-image'
  | 'container'
  | 'registry'
  // @samus/test-llamacpp's steps
  | 'build-tools'
  | 'llama-server-source'
  | 'llama-server-build'
  | 'llama-server';

/** Options of {@link ProvisionError}. */
export interface ProvisionErrorOptions {
  /** One-line fix hint for the person reading the error. */
  hint: string;
  /** Last lines of the failing command's output or log file. */
  logTail?: string;
  /** Path of the full log, when there is one. */
  logFile?: string;
  /** True when the failure means "no container engine can be had here" (tests skip instead of failing). */
  engineUnavailable?: boolean;
  cause?: unknown;
}

/**
 * A failure of one provisioning step (Docker engine, Ollama binary/image, model files, models image,
 * container start). Carries the step, a fix hint and the tail of the step's log.
 */
export class ProvisionError extends Error {
  override readonly name = 'ProvisionError';
  readonly step: ProvisionStep;
  readonly hint: string;
  readonly logTail: string | undefined;
  readonly logFile: string | undefined;
  readonly engineUnavailable: boolean;

  constructor(step: ProvisionStep, message: string, options: ProvisionErrorOptions) {
    const parts = [`[${step}] ${message}`, `hint: ${options.hint}`];
    if (options.logFile) parts.push(`log: ${options.logFile}`);
    if (options.logTail) parts.push(`--- log tail ---\n${options.logTail}`);
    super(parts.join('\n'), options.cause === undefined ? undefined : { cause: options.cause });
    this.step = step;
    this.hint = options.hint;
    this.logTail = options.logTail;
    this.logFile = options.logFile;
    this.engineUnavailable = options.engineUnavailable ?? false;
  }
}
