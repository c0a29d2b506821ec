#!/usr/bin/env node
// Records raw response bodies from the real Ollama container (v0.11.4, the models baked into the test image) into
// provider-core's and provider-ollama's __fixtures__ directories, for the replay tests (issue #16).
//
// Usage: TESTCONTAINERS_RYUK_DISABLED=true TESTCONTAINERS_HOST_OVERRIDE=127.0.0.1 node tooling/test-ollama/bin/record-fixtures.mjs
//
// Loopback only (the container listens on 127.0.0.1), bounded (each request has a 60 s timeout, the container is
// stopped at the end). Each capture is written as the raw body (`.sse` for /v1/chat/completions, `.ndjson` for
// /api/chat, `.json` for non-streamed bodies) plus a `.json` description: what was asked, where it came from, and
// what the body says, read with a deliberately naive reference reader (concatenated deltas), which the replay
// tests compare the real decoders against under every transport variant.
import { registerHooks } from 'node:module';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

if (typeof registerHooks !== 'function' || !process.features.typescript) {
  process.stderr.write(`[record-fixtures] error: Node ${process.version} cannot run TypeScript sources; use Node 24\n`);
  process.exit(1);
}
registerHooks({
  resolve(specifier, context, nextResolve) {
    if (specifier.startsWith('.') && specifier.endsWith('.js') && context.parentURL?.includes('/test-ollama/src/')) {
      return nextResolve(`${specifier.slice(0, -3)}.ts`, context);
    }
    return nextResolve(specifier, context);
  },
});
process.env.TESTCONTAINERS_RYUK_DISABLED ??= 'true';
process.env.TESTCONTAINERS_HOST_OVERRIDE ??= '127.0.0.1';

const { startOllama } = await import('../src/start-ollama.ts');
const { CHAT_MODEL, EMBEDDING_MODEL, OLLAMA_VERSION, TOOLS_MODEL } = await import('../src/model-names.ts');

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const openaiDir = join(root, 'packages', 'provider-core', 'src', '__fixtures__', 'recorded');
const nativeDir = join(root, 'packages', 'provider-ollama', 'src', '__fixtures__', 'recorded');
const TIMEOUT_MS = 60_000;
const options = { temperature: 0, seed: 42 };

const weather = {
  type: 'function',
  function: { name: 'get_weather', description: 'Current weather of a city', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } },
};
const time = {
  type: 'function',
  function: { name: 'get_time', description: 'Current time in a time zone', parameters: { type: 'object', properties: { zone: { type: 'string' } }, required: ['zone'] } },
};
const toolPrompt = 'What is the weather in Paris? Call the get_weather tool.';
const parallelPrompt = 'Call get_weather for Paris and get_time for Europe/Paris, both at once.';
const colourSchema = { type: 'object', properties: { colour: { type: 'string' }, hex: { type: 'string' } }, required: ['colour', 'hex'] };

/** What each capture sends. `path`: `v1` (OpenAI-compatible) or `native` (/api/chat); `stream` false = one JSON body. */
const captures = [
  { name: 'text', path: 'v1', body: { model: CHAT_MODEL, messages: [{ role: 'user', content: 'Say hello in five words.' }], max_tokens: 24, stream_options: { include_usage: true } } },
  { name: 'text-length', path: 'v1', body: { model: CHAT_MODEL, messages: [{ role: 'user', content: 'Count from one to fifty in words.' }], max_tokens: 8 } },
  { name: 'tool-call', path: 'v1', body: { model: TOOLS_MODEL, messages: [{ role: 'user', content: toolPrompt }], tools: [weather], max_tokens: 96 } },
  { name: 'tool-calls-parallel', path: 'v1', body: { model: TOOLS_MODEL, messages: [{ role: 'user', content: parallelPrompt }], tools: [weather, time], max_tokens: 160 } },
  { name: 'structured', path: 'v1', body: { model: CHAT_MODEL, messages: [{ role: 'user', content: 'A colour as JSON.' }], response_format: { type: 'json_schema', json_schema: { name: 'colour', schema: colourSchema } }, max_tokens: 64 } },
  { name: 'text-whole', path: 'v1', stream: false, body: { model: CHAT_MODEL, messages: [{ role: 'user', content: 'Say hello in five words.' }], max_tokens: 24 } },
  { name: 'tool-call-whole', path: 'v1', stream: false, body: { model: TOOLS_MODEL, messages: [{ role: 'user', content: toolPrompt }], tools: [weather], max_tokens: 96 } },
  { name: 'text', path: 'native', body: { model: CHAT_MODEL, messages: [{ role: 'user', content: 'Say hello in five words.' }], options: { ...options, num_predict: 24 } } },
  { name: 'text-length', path: 'native', body: { model: CHAT_MODEL, messages: [{ role: 'user', content: 'Count from one to fifty in words.' }], options: { ...options, num_predict: 8 } } },
  { name: 'tool-call', path: 'native', body: { model: TOOLS_MODEL, messages: [{ role: 'user', content: toolPrompt }], tools: [weather], options: { ...options, num_predict: 96 } } },
  { name: 'tool-calls-parallel', path: 'native', body: { model: TOOLS_MODEL, messages: [{ role: 'user', content: parallelPrompt }], tools: [weather, time], options: { ...options, num_predict: 160 } } },
  { name: 'structured', path: 'native', body: { model: CHAT_MODEL, messages: [{ role: 'user', content: 'A colour as JSON.' }], format: colourSchema, options: { ...options, num_predict: 64 } } },
  { name: 'embeddings', path: 'v1-embeddings', stream: false, body: { model: EMBEDDING_MODEL, input: ['hello world', 'fixtures'], encoding_format: 'float' } },
];

/** The naive reference reading of a body: concatenated text, reasoning, tool-call names and arguments, finish reason. */
function readReference(capture, text) {
  const out = { text: '', thought: '', calls: [], finishReason: undefined, usage: undefined };
  if (capture.path === 'v1' && capture.stream !== false) {
    const slots = new Map();
    for (const line of text.split('\n')) {
      if (!line.startsWith('data: ') || line === 'data: [DONE]') continue;
      const chunk = JSON.parse(line.slice(6));
      if (chunk.usage) out.usage = chunk.usage;
      for (const choice of chunk.choices ?? []) {
        out.text += choice.delta?.content ?? '';
        out.thought += choice.delta?.reasoning_content ?? choice.delta?.reasoning ?? '';
        for (const call of choice.delta?.tool_calls ?? []) {
          const slot = slots.get(call.index) ?? { name: '', arguments: '' };
          slot.name += call.function?.name ?? '';
          slot.arguments += call.function?.arguments ?? '';
          slots.set(call.index, slot);
        }
        if (choice.finish_reason) out.finishReason = choice.finish_reason;
      }
    }
    out.calls = [...slots.values()].map((slot) => ({ name: slot.name, args: JSON.parse(slot.arguments || '{}') }));
  } else if (capture.path === 'v1') {
    const completion = JSON.parse(text);
    const message = completion.choices?.[0]?.message ?? {};
    out.text = message.content ?? '';
    out.thought = message.reasoning ?? message.reasoning_content ?? '';
    out.calls = (message.tool_calls ?? []).map((call) => ({ name: call.function.name, args: JSON.parse(call.function.arguments || '{}') }));
    out.finishReason = completion.choices?.[0]?.finish_reason;
    out.usage = completion.usage;
  } else if (capture.path === 'native') {
    for (const line of text.split('\n')) {
      if (line.trim() === '') continue;
      const chunk = JSON.parse(line);
      if (chunk.error) out.error = chunk.error;
      out.text += chunk.message?.content ?? '';
      out.thought += chunk.message?.thinking ?? '';
      for (const call of chunk.message?.tool_calls ?? []) out.calls.push({ name: call.function.name, args: call.function.arguments ?? {} });
      if (chunk.done) {
        out.finishReason = chunk.done_reason;
        out.usage = { prompt_eval_count: chunk.prompt_eval_count, eval_count: chunk.eval_count };
      }
    }
  }
  return out;
}

const ollama = await startOllama();
process.stderr.write(`[record-fixtures] Ollama ${OLLAMA_VERSION} at ${ollama.baseUrl}\n`);
let failures = 0;
try {
  await mkdir(openaiDir, { recursive: true });
  await mkdir(nativeDir, { recursive: true });
  for (const capture of captures) {
    const stream = capture.stream !== false;
    const url = capture.path === 'native' ? `${ollama.baseUrl}/api/chat` : capture.path === 'v1-embeddings' ? `${ollama.baseUrl}/v1/embeddings` : `${ollama.baseUrl}/v1/chat/completions`;
    const body = capture.path === 'v1-embeddings' ? capture.body : { ...capture.body, stream, ...(capture.path === 'v1' ? { temperature: 0, seed: 42 } : {}) };
    if (!stream || capture.path !== 'v1') delete body.stream_options;
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), signal: AbortSignal.timeout(TIMEOUT_MS) });
    // Model references in server messages carry the name of the registry they came from: keep the model name only.
    const text = (await response.text()).replace(/\b[a-z0-9-]+(\.[a-z0-9-]+)+\/library\//gi, '');
    const dir = capture.path === 'native' ? nativeDir : openaiDir;
    const extension = response.status !== 200 || !stream ? 'json' : capture.path === 'native' ? 'ndjson' : 'sse';
    const base = capture.name;
    const bodyFile = `${base}.body.${extension}`;
    let reference;
    try {
      reference = response.status === 200 && capture.path !== 'v1-embeddings' ? readReference(capture, text) : undefined;
    } catch (error) {
      failures += 1;
      process.stderr.write(`[record-fixtures] ${capture.path}/${capture.name}: unreadable body: ${error instanceof Error ? error.message : String(error)}\n`);
      continue;
    }
    await writeFile(join(dir, bodyFile), text);
    const description = {
      source: `Recorded from the real Ollama ${OLLAMA_VERSION} container (tooling/test-ollama/bin/record-fixtures.mjs), ${capture.path === 'native' ? 'POST /api/chat' : capture.path === 'v1-embeddings' ? 'POST /v1/embeddings' : 'POST /v1/chat/completions'}`,
      recordedAt: new Date().toISOString(),
      path: capture.path,
      stream,
      status: response.status,
      contentType: response.headers.get('content-type'),
      body: bodyFile,
      request: body,
      tools: (capture.body.tools ?? []).map((tool) => tool.function.name),
      ...(reference ? { reference } : {}),
    };
    await writeFile(join(dir, `${base}.json`), `${JSON.stringify(description, null, 2)}\n`);
    process.stderr.write(`[record-fixtures] ${capture.path}/${capture.name}: ${response.status}, ${text.length} bytes${reference ? `, text ${JSON.stringify(reference.text.slice(0, 40))}, ${reference.calls.length} call(s), finish ${reference.finishReason}` : ''}\n`);
  }
} finally {
  await ollama.stop();
}
process.exit(failures === 0 ? 0 : 1);
