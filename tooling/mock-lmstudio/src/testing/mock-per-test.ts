import { afterEach } from 'vitest';
import type { MockLMStudio, MockLMStudioOptions } from '../mock-lmstudio';
import { startMockLMStudio } from '../start-mock-lmstudio';

/**
 * Call inside a `describe`: returns `start(options)`, which starts a mock LM Studio; the last one started is closed
 * after each test of that `describe`.
 */
export function mockPerTest(): (options?: MockLMStudioOptions) => Promise<MockLMStudio> {
  let lms: MockLMStudio | undefined;
  afterEach(async () => {
    await lms?.close();
    lms = undefined;
  });
  return async (options = {}) => {
    lms = await startMockLMStudio(options);
    return lms;
  };
}
