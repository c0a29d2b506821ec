import { Server } from "node:http";
/** Tokens of the fake stream: each is 4 characters, so N chunks carry 4·N characters. */
declare const TOKENS: string[];
declare const TOKEN_CHARS = 4;
/** How the server writes a stream: `batch` ≈ 64 KiB socket writes, `event` one event per write. */
type WriteMode = 'batch' | 'event';
/**
 * A fake OpenAI-compatible server for benchmarks: `POST /v1/chat/completions` with model `chunks-<N>-<mode>`
 * streams N one-token chunks, a finish chunk with usage and `[DONE]`, from pre-rendered buffers.
 */
declare function createFakeSseServer(): Server;
export { TOKENS, TOKEN_CHARS, WriteMode, createFakeSseServer };