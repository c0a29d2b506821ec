import { startMockLMStudio } from '@samus/mock-lmstudio';
import { describe, expect, it } from 'vitest';
import { createLMStudio } from './create-lm-studio.js';

describe('createLMStudio', () => {
  it('should resolve LM_STUDIO_* variables from the given env and talk to that server', async () => {
    const mock = await startMockLMStudio();
    try {
      const generator = createLMStudio({ env: { LM_STUDIO_BASE_URL: mock.url.replace('127.0.0.1', '0.0.0.0'), LM_STUDIO_MODEL: 'qwen2.5-7b-instruct' }, providerOptions: { ttl: 120 } });
      expect(generator.config.model).toBe('qwen2.5-7b-instruct');
      expect(generator.baseUrl).toBe(mock.url);
      await generator.generateContent({ model: generator.config.model, contents: 'Say ok.' });
      expect(mock.requests.at(-1)!.body).toMatchObject({ model: 'qwen2.5-7b-instruct', ttl: 120 });
    } finally {
      await mock.close();
    }
  });
});
