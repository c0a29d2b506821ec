import { startMockLMStudio, type MockLMStudio } from '@samus/mock-lmstudio';
import { createContentGeneratorConfig, type GenerateContentResponse } from '@samus/kernel';
import { failure } from '@samus/test-server';
import { afterEach, describe, expect, it } from 'vitest';
import { LMStudioContentGenerator } from './lm-studio-content-generator.js';
import { closedPortUrl } from './testing/scripted-server.js';
import { LM_STUDIO_CONFIG_SPEC } from './lm-studio-config-spec.js';

let mock: MockLMStudio | undefined;
afterEach(async () => {
  await mock?.close();
  mock = undefined;
});

const CHAT = 'qwen2.5-7b-instruct';
const EMBED = 'text-embedding-nomic-embed-text-v1.5';

async function generatorFor(baseUrl?: string): Promise<LMStudioContentGenerator> {
  if (baseUrl === undefined) {
    mock = await startMockLMStudio();
    baseUrl = mock.url;
  }
  return new LMStudioContentGenerator({ config: createContentGeneratorConfig('lm-studio', { spec: LM_STUDIO_CONFIG_SPEC, env: {}, baseUrl, model: CHAT, maxRetries: 0 }) });
}

async function text(stream: AsyncGenerator<GenerateContentResponse>): Promise<string> {
  let out = '';
  for await (const chunk of stream) out += chunk.text ?? '';
  return out;
}

// generateContentStream() returns the stream in a promise that settles with the request (see the kernel's
// ContentGenerator): what LM Studio refuses rejects it, before anything is iterated.
describe('LMStudioContentGenerator.generateContentStream: request errors reject the promise', () => {
  it('rejects an unknown model with SAMUS_ERR_MODEL_NOT_FOUND and the installed names', async () => {
    const generator = await generatorFor();
    const error = await failure(generator.generateContentStream({ model: 'nope-model', contents: 'Hi' }));
    expect(error.code).toBe('SAMUS_ERR_MODEL_NOT_FOUND');
    expect(error.details.suggestions).toContain(CHAT);
  });

  it('rejects chat with tools on an embedding model with SAMUS_ERR_CAPABILITY_MISSING naming the tools', async () => {
    const generator = await generatorFor();
    const tools = [{ functionDeclarations: [{ name: 'get_weather', parametersJsonSchema: { type: 'object', properties: {} } }] }];
    const error = await failure(generator.generateContentStream({ model: EMBED, contents: 'Weather?', config: { tools } }));
    expect(error.code).toBe('SAMUS_ERR_CAPABILITY_MISSING');
    expect(error.message).toMatch(/cannot call tools/);
  });

  it('rejects a refused connection with SAMUS_ERR_SERVER_NOT_RUNNING', async () => {
    const generator = await generatorFor(await closedPortUrl());
    expect((await failure(generator.generateContentStream({ model: CHAT, contents: 'Hi' }))).code).toBe('SAMUS_ERR_SERVER_NOT_RUNNING');
  });

  it('closes the connection when a resolved stream (with tools) is returned before its first next()', async () => {
    const generator = await generatorFor();
    mock!.setFaults({ stallAfterChunks: 1 });
    const tools = [{ functionDeclarations: [{ name: 'get_weather', parametersJsonSchema: { type: 'object', properties: {} } }] }];
    const stream = await generator.generateContentStream({ model: CHAT, contents: 'Hi', config: { tools } });
    expect(mock!.activeRequests()).toBe(1);
    await stream.return(undefined);
    for (let wait = 0; wait < 100 && mock!.activeRequests() > 0; wait += 1) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(mock!.activeRequests()).toBe(0);
  });

  it('resolves with the accepted stream, with or without tools', async () => {
    const generator = await generatorFor();
    expect((await text(await generator.generateContentStream({ model: CHAT, contents: 'Hi' }))).length).toBeGreaterThan(0);
    const tools = [{ functionDeclarations: [{ name: 'get_weather', parametersJsonSchema: { type: 'object', properties: {} } }] }];
    const stream = await generator.generateContentStream({ model: CHAT, contents: 'Hi', config: { tools } });
    for await (const chunk of stream) expect(chunk.candidates?.[0]?.content?.role).toBe('model');
  });
});
