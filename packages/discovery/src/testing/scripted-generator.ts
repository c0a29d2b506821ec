import {
  createGenerateContentResponse,
  SamusError,
  type ContentGenerator,
  type CountTokensResponse,
  type EmbedContentResponse,
  type GenerateContentParameters,
  type GenerateContentResponse,
} from '@samus/kernel';

/** How a {@link ScriptedGenerator} behaves on its next calls. */
export interface Script {
  /** Delay before the first chunk, ms. */
  delayMs?: number;
  /** Text chunks to stream (default `['Hel', 'lo']`). */
  chunks?: string[];
  /** Throw this before any chunk. */
  failBefore?: unknown;
  /** Throw `breakError` after this many chunks. */
  breakAfter?: number;
  breakError?: unknown;
}

function chunk(text: string): GenerateContentResponse {
  return createGenerateContentResponse({ candidates: [{ content: { role: 'model', parts: [{ text }] }, index: 0 }] });
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (ms <= 0) return resolve();
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(new SamusError('SAMUS_ERR_ABORTED', 'aborted'));
    });
  });
}

async function* chunks(script: Script): AsyncGenerator<GenerateContentResponse> {
  let sent = 0;
  for (const text of script.chunks ?? ['Hel', 'lo']) {
    if (script.breakAfter !== undefined && sent === script.breakAfter) throw script.breakError ?? new SamusError('SAMUS_ERR_SERVER_NOT_RUNNING', 'connection reset');
    yield chunk(text);
    sent += 1;
  }
}

/** A ContentGenerator whose behaviour a test scripts: stands in for one server behind the pool. */
export class ScriptedGenerator implements ContentGenerator {
  script: Script = {};
  calls: string[] = [];

  constructor(readonly name: string) {}

  /** Like a provider: waits `delayMs`, rejects with `failBefore`, else resolves with the scripted chunks. */
  async generateContentStream(request: GenerateContentParameters): Promise<AsyncGenerator<GenerateContentResponse>> {
    this.calls.push(request.model);
    const script = this.script;
    await sleep(script.delayMs ?? 0, request.config?.abortSignal);
    if (script.failBefore !== undefined) throw script.failBefore;
    return chunks(script);
  }

  async generateContent(request: GenerateContentParameters): Promise<GenerateContentResponse> {
    let text = '';
    for await (const part of await this.generateContentStream(request)) text += part.candidates?.[0]?.content?.parts?.[0]?.text ?? '';
    return chunk(`${text} from ${this.name}`);
  }

  async countTokens(): Promise<CountTokensResponse> {
    this.calls.push('countTokens');
    if (this.script.failBefore !== undefined) throw this.script.failBefore;
    return { totalTokens: 7 };
  }

  async embedContent(): Promise<EmbedContentResponse> {
    this.calls.push('embedContent');
    if (this.script.failBefore !== undefined) throw this.script.failBefore;
    return { embeddings: [{ values: [0.1, 0.2] }] };
  }
}
