import { startMockLMStudio, type MockLMStudio, type MockLMStudioOptions } from '@samus/mock-lmstudio';
import { createContentGeneratorConfig, SamusEvents, type ContentGeneratorConfigOptions } from '@samus/kernel';
import { afterEach } from 'vitest';
import { LM_STUDIO_CONFIG_SPEC } from '../lm-studio-config-spec.js';
import { LMStudioContentGenerator } from '../lm-studio-content-generator.js';

/** The chat model the mock has loaded; the generator's configured model. */
export const CHAT = 'qwen2.5-7b-instruct';

const started: MockLMStudio[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((server) => server.close()));
});

/** Starts the LM Studio mock; it is closed after the test. */
export async function startMock(options: MockLMStudioOptions = {}): Promise<MockLMStudio> {
  const server = await startMockLMStudio(options);
  started.push(server);
  return server;
}

/** The mock (closed after the test) and a generator on it: model {@link CHAT}, no retries, its own event bus. */
export async function setup(
  mockOptions: MockLMStudioOptions = {},
  configOptions: ContentGeneratorConfigOptions = {},
): Promise<{ generator: LMStudioContentGenerator; events: SamusEvents; server: MockLMStudio }> {
  const server = await startMock(mockOptions);
  const events = new SamusEvents();
  const config = createContentGeneratorConfig('lm-studio', { spec: LM_STUDIO_CONFIG_SPEC, env: {}, baseUrl: server.url, model: CHAT, maxRetries: 0, ...configOptions });
  return { generator: new LMStudioContentGenerator({ config, events }), events, server };
}
