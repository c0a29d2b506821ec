import { afterEach } from 'vitest';
import { createOllama, type CreateOllamaOptions } from '../create-ollama.js';
import type { OllamaContentGenerator } from '../ollama-content-generator.js';
import { startFakeOllama, type FakeOllama, type FakeOllamaOptions } from '../test-support/fake-ollama-server.js';

const started: FakeOllama[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((fake) => fake.close()));
});

/** Starts an in-process Ollama; it is closed after the test. */
export async function startFake(options: FakeOllamaOptions = {}): Promise<FakeOllama> {
  const fake = await startFakeOllama(options);
  started.push(fake);
  return fake;
}

/** An in-process Ollama (closed after the test) and a generator on it: model `gemma3:270m`, no retries, no environment. */
export async function setup(fakeOptions: FakeOllamaOptions = {}, options: CreateOllamaOptions = {}): Promise<{ fake: FakeOllama; generator: OllamaContentGenerator }> {
  const fake = await startFake(fakeOptions);
  return { fake, generator: createOllama({ baseUrl: fake.url, model: 'gemma3:270m', env: {}, maxRetries: 0, ...options }) };
}
