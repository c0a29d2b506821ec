import { describePluginContract } from '@samus/contracts';
import { startMockLMStudio } from '@samus/mock-lmstudio';
import { afterAll } from 'vitest';
import { lmStudioPlugin } from '../src/index.js';

// Issue #13: the same contract as contract.test.ts with the mock answering like LM Studio 0.3.x (0.3.35: no /api/v1,
// the 0.3 overflow wording, no token format; JIT on, no auth) at 5 ms per token; the abort group's counting prompt
// gets the long answer a real model would write (the suite aborts it in flight). LM Studio gives every llm/vlm tools.
const numbers = Array.from({ length: 500 }, (_, index) => `number ${index + 1}`).join('\n');
const mock = await startMockLMStudio({ version: '0.3.x', tokenDelayMs: 5, seed: 7, replies: (context) => (/^Count from one to five hundred/.test(context.lastUserText) ? { content: numbers } : undefined) });
afterAll(() => mock.close());

const [chat, embedding] = ['qwen2.5-7b-instruct', 'text-embedding-nomic-embed-text-v1.5'];
describePluginContract({ name: 'lm-studio (mock-lmstudio 0.3.x)', plugin: lmStudioPlugin, baseUrl: mock.url, models: { chat, embedding, tools: chat, toolCaller: chat, withoutTools: embedding } });
