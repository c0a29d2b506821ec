import { execFileSync } from 'node:child_process';
import { afterAll, describe, expect, inject, it } from 'vitest';
import {
  CHAT_MODEL,
  EMBEDDING_DIMENSIONS,
  EMBEDDING_MODEL,
  OLLAMA_VERSION,
  TOOLS_MODEL,
  containerOwner,
  listOwnedContainers,
  startOllama,
  startRegistry,
  type StartedOllama,
} from '@samus/test-ollama';

const ollama = inject('ollama');
const title = ollama.available ? 'real Ollama in a container' : `real Ollama in a container (skipped: ${ollama.reason})`;

async function post<T>(baseUrl: string, path: string, body: unknown): Promise<T> {
  const response = await fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(170_000),
  });
  expect(response.status, await response.clone().text()).toBe(200);
  return (await response.json()) as T;
}

interface ChatResponse {
  message: { role: string; content: string; tool_calls?: { function: { name: string; arguments: Record<string, unknown> } }[] };
}

function cosine(a: readonly number[], b: readonly number[]): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i += 1) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    dot += x * y;
    na += x * x;
    nb += y * y;
  }
  return dot / Math.sqrt(na * nb);
}

function containerExists(id: string): boolean {
  return execFileSync('docker', ['ps', '-a', '-q', '--no-trunc', '--filter', `id=${id}`], { encoding: 'utf8' }).trim() !== '';
}

describe.skipIf(!ollama.available)(title, () => {
  const baseUrl = ollama.available ? ollama.baseUrl : '';
  const started: StartedOllama[] = [];
  afterAll(async () => {
    await Promise.all(started.map((s) => s.stop()));
  });

  it('serves /api/version 0.11.4', async () => {
    const response = await fetch(`${baseUrl}/api/version`);
    expect(await response.json()).toEqual({ version: OLLAMA_VERSION });
    expect(ollama.available && ollama.version).toBe(OLLAMA_VERSION);
  });

  it('lists the baked-in models by their agreed names', async () => {
    const tags = (await (await fetch(`${baseUrl}/api/tags`)).json()) as { models: { name: string }[] };
    expect(tags.models.map((m) => m.name).sort()).toEqual([EMBEDDING_MODEL, CHAT_MODEL, TOOLS_MODEL].sort());
    expect(ollama.available && ollama.models).toEqual({ chat: CHAT_MODEL, embedding: EMBEDDING_MODEL, tools: TOOLS_MODEL });
  });

  it('chats with gemma3:270m deterministically at temperature 0 and a fixed seed', async () => {
    const request = {
      model: CHAT_MODEL,
      stream: false,
      messages: [{ role: 'user', content: 'Name three colours.' }],
      options: { temperature: 0, seed: 42, num_predict: 24 },
    };
    const first = await post<ChatResponse>(baseUrl, '/api/chat', request);
    const second = await post<ChatResponse>(baseUrl, '/api/chat', request);
    expect(first.message.content.trim().length).toBeGreaterThan(0);
    expect(second.message.content).toBe(first.message.content);
  });

  it(`embeds with all-minilm:l6-v2 into ${EMBEDDING_DIMENSIONS} dimensions, synonyms closer than unrelated text`, async () => {
    const { embeddings } = await post<{ embeddings: number[][] }>(baseUrl, '/api/embed', {
      model: EMBEDDING_MODEL,
      input: ['The cat sits on the mat.', 'A kitten is sitting on the rug.', 'Stock markets fell sharply today.'],
    });
    expect(embeddings).toHaveLength(3);
    const [cat, kitten, stocks] = embeddings as [number[], number[], number[]];
    expect(cat).toHaveLength(EMBEDDING_DIMENSIONS);
    expect(cosine(cat, kitten)).toBeGreaterThan(cosine(cat, stocks) + 0.2);
  });

  it('reports the tools capability for smollm2:135m and returns a real tool call', async () => {
    const shown = await post<{ capabilities: string[] }>(baseUrl, '/api/show', { model: TOOLS_MODEL });
    expect(shown.capabilities).toContain('tools');
    const chat = await post<ChatResponse>(baseUrl, '/api/chat', {
      model: TOOLS_MODEL,
      stream: false,
      messages: [{ role: 'user', content: 'What is the weather in Paris?' }],
      tools: [
        {
          type: 'function',
          function: {
            name: 'get_weather',
            description: 'Get the current weather for a city',
            parameters: { type: 'object', properties: { city: { type: 'string', description: 'The city name' } }, required: ['city'] },
          },
        },
      ],
      options: { temperature: 0, seed: 42 },
    });
    expect(chat.message.tool_calls).toEqual([{ function: expect.objectContaining({ name: 'get_weather', arguments: { city: 'Paris' } }) }]);
  });

  it('does not report tools for the chat and embedding models', async () => {
    for (const model of [CHAT_MODEL, EMBEDDING_MODEL]) {
      const shown = await post<{ capabilities: string[] }>(baseUrl, '/api/show', { model });
      expect(shown.capabilities).not.toContain('tools');
    }
  });

  it('starts a second, bare instance side by side and removes it on stop', async () => {
    const bare = await startOllama({ models: false });
    started.push(bare);
    expect(bare.baseUrl).not.toBe(baseUrl);
    const [version, tags, shared] = await Promise.all([
      fetch(`${bare.baseUrl}/api/version`).then((r) => r.json()),
      fetch(`${bare.baseUrl}/api/tags`).then((r) => r.json() as Promise<{ models: unknown[] }>),
      fetch(`${baseUrl}/api/version`).then((r) => r.json()),
    ]);
    expect(version).toEqual({ version: OLLAMA_VERSION });
    expect(shared).toEqual({ version: OLLAMA_VERSION });
    expect(tags.models).toEqual([]);
    expect(containerExists(bare.containerId)).toBe(true);
    await bare.stop();
    await bare.stop(); // idempotent
    expect(containerExists(bare.containerId)).toBe(false);
    await expect(fetch(`${bare.baseUrl}/api/version`, { signal: AbortSignal.timeout(2_000) })).rejects.toThrow();
  });

  it('runs two more instances at once (discovery needs several) and leaves none behind', async () => {
    const pair = await Promise.all([startOllama({ models: false }), startOllama({ models: false, env: { OLLAMA_NUM_PARALLEL: '1' } })]);
    started.push(...pair);
    expect(new Set(pair.map((p) => p.baseUrl)).size).toBe(2);
    for (const instance of pair) expect(await (await fetch(`${instance.baseUrl}/api/version`)).json()).toEqual({ version: OLLAMA_VERSION });
    await Promise.all(pair.map((p) => p.stop()));
    for (const instance of pair) expect(containerExists(instance.containerId)).toBe(false);
    // Only the shared container of this run is left with our owner label.
    expect((await listOwnedContainers(containerOwner())).length).toBeLessThanOrEqual(1);
  });

  it('pushes a model through a local docker-registry and pulls it into a bare instance', async () => {
    const registry = await startRegistry();
    try {
      expect(registry.host).toMatch(/^127\.0\.0\.1:\d+$/);
      expect((await fetch(`${registry.baseUrl}/v2/`)).status).toBe(200);
      const [source, target] = await Promise.all([startOllama(), startOllama({ models: false })]);
      started.push(source, target);
      const name = `${registry.host}/library/smollm2:135m`;
      const copied = await fetch(`${source.baseUrl}/api/copy`, { method: 'POST', body: JSON.stringify({ source: TOOLS_MODEL, destination: name }) });
      expect(copied.status).toBe(200);
      expect(await post(source.baseUrl, '/api/push', { model: name, insecure: true, stream: false })).toEqual({ status: 'success' });
      expect(await post(target.baseUrl, '/api/pull', { model: name, insecure: true, stream: false })).toEqual({ status: 'success' });
      const tags = (await (await fetch(`${target.baseUrl}/api/tags`)).json()) as { models: { name: string; size: number }[] };
      expect(tags.models).toEqual([expect.objectContaining({ name, size: expect.any(Number) })]);
      await Promise.all([source.stop(), target.stop()]);
    } finally {
      await registry.stop();
    }
    await expect(fetch(`${registry.baseUrl}/v2/`, { signal: AbortSignal.timeout(2_000) })).rejects.toThrow();
  });
});
