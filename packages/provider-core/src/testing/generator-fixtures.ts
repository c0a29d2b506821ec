import { createContentGeneratorConfig, type ContentGeneratorConfigOptions } from '@samus/kernel';
import type { ServerResponse } from 'node:http';
import { afterEach } from 'vitest';
import { OpenAICompatibleContentGenerator, type OpenAICompatibleGeneratorOptions } from '../openai-compatible-content-generator.js';
import { startServer, type LoopbackServer, type TestHandler } from './loopback-server.js';

const servers: LoopbackServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

export async function serve(handler: TestHandler, host?: string): Promise<LoopbackServer> {
  const server = await startServer(handler, host);
  servers.push(server);
  return server;
}

export function generatorFor(
  server: { origin: string },
  options: Partial<ContentGeneratorConfigOptions> = {},
  extra: Partial<OpenAICompatibleGeneratorOptions> = {},
): OpenAICompatibleContentGenerator {
  const config = createContentGeneratorConfig('openai', { baseUrl: server.origin, model: 'test-model', env: {}, maxRetries: 0, ...options });
  return new OpenAICompatibleContentGenerator({ config, retry: { initialDelayMs: 5 }, ...extra });
}

/** Every chunk of a stream, and the SamusError a call fails with: the helpers every package's tests share. */
export { collect, failure } from '@samus/test-server';

export const completion = (message: Record<string, unknown>, finish = 'stop', usage: Record<string, number> | undefined = { prompt_tokens: 4, completion_tokens: 2, total_tokens: 6 }) => ({
  id: 'chatcmpl-9',
  object: 'chat.completion',
  created: 1_754_640_000,
  model: 'test-model',
  choices: [{ index: 0, message: { role: 'assistant', ...message }, finish_reason: finish }],
  ...(usage ? { usage } : {}),
});

export function json(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(JSON.stringify(body));
}

