import { afterEach, describe, expect, it } from 'vitest';
import { startMockLMStudio, type MockLMStudio } from './index';

const servers: MockLMStudio[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

const MODEL = 'qwen2.5-7b-instruct';

async function chat(server: MockLMStudio, messages: { role: string; content: string }[]): Promise<{ content: string; usage: Record<string, unknown> }> {
  const response = await fetch(`${server.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model: MODEL, messages }),
  });
  const body = (await response.json()) as { choices: { message: { content: string } }[]; usage: Record<string, unknown> };
  return { content: body.choices[0]!.message.content, usage: body.usage };
}

describe('option capacity: parallel slots, queue, prompt processing, prefix cache', () => {
  it('serves `parallel` requests at once and queues the rest in order', async () => {
    const server = await startMockLMStudio({ models: [{ id: MODEL, type: 'llm', loaded: true }], capacity: { parallel: 2 }, tokenDelayMs: 2 });
    servers.push(server);
    const answers = await Promise.all(Array.from({ length: 5 }, (_, i) => chat(server, [{ role: 'user', content: `question ${i}` }])));
    expect(answers).toHaveLength(5);
    expect(server.capacityLoad()).toEqual({ busy: 0, queued: 0, maxQueued: 3 });
  });

  it('reports the cached prefix of a follow-up turn, and nothing cached for another conversation', async () => {
    const server = await startMockLMStudio({ models: [{ id: MODEL, type: 'llm', loaded: true }], capacity: { parallel: 1, promptTokensPerSecond: 100_000, cachedPrompts: 4 } });
    servers.push(server);
    const file = Array.from({ length: 200 }, (_, i) => `word${i}`).join(' ');
    const first = [{ role: 'user', content: `Read this: ${file}` }];
    const one = await chat(server, first);
    expect(one.usage.prompt_tokens_details).toEqual({ cached_tokens: 0 });
    const two = await chat(server, [...first, { role: 'assistant', content: one.content }, { role: 'user', content: 'And now?' }]);
    const cached = (two.usage.prompt_tokens_details as { cached_tokens: number }).cached_tokens;
    expect(cached).toBeGreaterThan((one.usage.prompt_tokens as number) * 0.9);
    expect(cached).toBeLessThan(two.usage.prompt_tokens as number);
    const other = await chat(server, [{ role: 'user', content: 'Something else entirely' }]);
    expect((other.usage.prompt_tokens_details as { cached_tokens: number }).cached_tokens).toBeLessThan(5); // only the role marker in common
  });

  it('changes nothing without the option', async () => {
    const server = await startMockLMStudio({ models: [{ id: MODEL, type: 'llm', loaded: true }] });
    servers.push(server);
    const { usage } = await chat(server, [{ role: 'user', content: 'hi' }]);
    expect(usage).not.toHaveProperty('prompt_tokens_details');
    expect(server.capacityLoad()).toBeUndefined();
  });
});
