import { parseArgs } from 'node:util';
import { createKernel, type Content, type ContentGenerator, type CountTokensParameters, type GenerateContentParameters } from '@samus/kernel';
import { openaiPlugin } from '@samus/provider-core';
import { createLlamaCpp } from '@samus/provider-llamacpp';

const weather = { name: 'get_weather', description: 'Get the current weather for a city', parametersJsonSchema: { type: 'object', properties: { city: { type: 'string' }, unit: { type: 'string', enum: ['celsius', 'fahrenheit'] } }, required: ['city'] } };
const search = { name: 'search_code', description: 'Search the repository for a regular expression', parametersJsonSchema: { type: 'object', properties: { pattern: { type: 'string' }, path: { type: 'string' } }, required: ['pattern'] } };
const user = (text: string): Content => ({ role: 'user', parts: [{ text }] });
const model = (text: string): Content => ({ role: 'model', parts: [{ text }] });

/** 20 conversations: prose, code, tool calls and results, non-ASCII scripts and emoji, long and short, with and without a system instruction. */
export const CONVERSATIONS: ReadonlyArray<{ name: string; request: Omit<GenerateContentParameters, 'model'> }> = [
  { name: 'greeting', request: { contents: 'Hi!' } },
  { name: 'prose question', request: { contents: 'Why is the sky blue? Explain it to a ten-year-old in three sentences.' } },
  { name: 'system + prose', request: { contents: 'Describe autumn in one paragraph.', config: { systemInstruction: 'You are a poet who writes in plain words.' } } },
  { name: 'multi-turn', request: { contents: [user('My name is Ada.'), model('Nice to meet you, Ada!'), user('What is my name?')] } },
  { name: 'code: typescript', request: { contents: 'Review this:\n```ts\nexport function sum(xs: number[]): number {\n  return xs.reduce((a, b) => a + b, 0);\n}\n```' } },
  { name: 'code: python', request: { contents: 'Fix the bug:\n```python\ndef fib(n):\n    if n < 2: return n\n    return fib(n-1) + fib(n-3)\n```' } },
  { name: 'code: shell + json', request: { contents: 'What does this do? `jq \'.items[] | select(.status == "ok") | .id\' < data.json | sort -u`' } },
  { name: 'japanese', request: { contents: '日本の首都はどこですか？短く答えてください。' } },
  { name: 'emoji', request: { contents: 'Translate to emoji only: I love pizza and rainy days 🍕🌧️ — can you? 🙂👍' } },
  { name: 'cyrillic + arabic', request: { contents: 'Привет! Как дела? مرحبا، كيف حالك؟ Answer in English.' } },
  { name: 'accents', request: { contents: 'Ünïcödé façade, naïve café, smörgåsbord, jalapeño, crème brûlée: which are dishes?' } },
  { name: 'tool declared', request: { contents: 'What is the weather in Paris?', config: { tools: [{ functionDeclarations: [weather] }] } } },
  { name: 'two tools declared', request: { contents: 'Find where parseArgs is used.', config: { tools: [{ functionDeclarations: [weather, search] }], systemInstruction: 'Use tools when they help.' } } },
  {
    name: 'tool call + result',
    request: {
      contents: [
        user('What is the weather in Paris?'),
        { role: 'model', parts: [{ functionCall: { id: 'call_1', name: 'get_weather', args: { city: 'Paris' } } }] },
        { role: 'user', parts: [{ functionResponse: { id: 'call_1', name: 'get_weather', response: { temperature: 21, sky: 'sunny' } } }] },
      ],
      config: { tools: [{ functionDeclarations: [weather] }] },
    },
  },
  { name: 'long prose', request: { contents: 'The committee reviewed the proposal and asked for a revised budget. '.repeat(40) } },
  { name: 'long code', request: { contents: `Summarise:\n\`\`\`js\n${Array.from({ length: 30 }, (_, i) => `const v${i} = compute(${i}, "k${i}");`).join('\n')}\n\`\`\`` } },
  { name: 'markdown table', request: { contents: '| a | b |\n|---|---|\n| 1 | 2 |\n| 3 | 4 |\nAdd a column with a+b.' } },
  { name: 'numbers', request: { contents: '3.14159 2.71828 1.41421 1.73205 6.02214076e23 299792458 — which are constants?' } },
  { name: 'urls and paths', request: { contents: 'Open /usr/local/bin/node and https://example.invalid/a/b?c=d#e, then ~/.config/app.json.' } },
  { name: 'whitespace', request: { contents: 'tabs\tand\t\tspaces    and\n\n\nnewlines\r\nmixed' } },
];

/** One row of the benchmark. */
export interface TokenAccuracyRow {
  name: string;
  /** The server's `usage.prompt_tokens` (`usageMetadata.promptTokenCount`) for the request. */
  actual: number;
  /** What `countTokens` said before sending. */
  counted: number;
  /** |counted − actual| / actual. */
  error: number;
}

/**
 * One retry when a pooled connection was closed under the request (llama-server's router answers every proxied
 * request with `Connection: close`; reusing such a socket fails with UND_ERR_SOCKET after the request was written,
 * which the transport rightly does not resend on its own). A benchmark may resend: these requests are idempotent.
 */
async function once<T>(action: () => Promise<T>): Promise<T> {
  try {
    return await action();
  } catch (error) {
    const codes = (error as { details?: { errorCodes?: unknown } }).details?.errorCodes;
    if (!Array.isArray(codes) || !codes.includes('UND_ERR_SOCKET')) throw error;
    return action();
  }
}

async function measure(generator: ContentGenerator, modelName: string | undefined): Promise<TokenAccuracyRow[]> {
  const rows: TokenAccuracyRow[] = [];
  for (const { name, request } of CONVERSATIONS) {
    const full: GenerateContentParameters = { ...request, model: modelName ?? 'default', config: { ...request.config, temperature: 0, seed: 1, maxOutputTokens: 1 } };
    // A host counts the request it is about to send (gemini-cli passes the generation config along).
    const counted = (await once(() => generator.countTokens(full as CountTokensParameters))).totalTokens ?? Number.NaN;
    const response = await once(() => generator.generateContent(full));
    const actual = response.usageMetadata?.promptTokenCount ?? Number.NaN;
    rows.push({ name, actual, counted, error: Math.abs(counted - actual) / actual });
  }
  return rows;
}

function print(title: string, rows: TokenAccuracyRow[]): void {
  process.stdout.write(`\n${title}\n${'conversation'.padEnd(22)} ${'server'.padStart(7)} ${'counted'.padStart(8)} ${'error'.padStart(7)}\n`);
  for (const row of rows) process.stdout.write(`${row.name.padEnd(22)} ${String(row.actual).padStart(7)} ${String(row.counted).padStart(8)} ${`${(row.error * 100).toFixed(1)}%`.padStart(7)}\n`);
  const mean = rows.reduce((sum, row) => sum + row.error, 0) / rows.length;
  const max = Math.max(...rows.map((row) => row.error));
  process.stdout.write(`mean error ${(mean * 100).toFixed(2)}%, max ${(max * 100).toFixed(2)}%, exact ${rows.filter((row) => row.error === 0).length}/${rows.length}\n`);
}

/**
 * Token accuracy: for each of the 20 conversations, `countTokens` before sending vs the `usage.prompt_tokens` the
 * server then reports, per provider on the same real llama-server: `@samus/provider-llamacpp` (exact: the server's
 * template + tokenizer) and the generic `openai` plugin (provider-core's chars/4 estimate) for comparison.
 * Without `--base-url` it starts the test llama-server of @samus/test-llamacpp (built and cached on first use).
 */
export async function main(argv = process.argv.slice(2)): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { 'base-url': { type: 'string' }, model: { type: 'string' } } });
  let stop: (() => Promise<void>) | undefined;
  let baseUrl = values['base-url'];
  let modelName = values.model;
  if (baseUrl === undefined) {
    const { startLlamaServer } = await import('@samus/test-llamacpp');
    const server = await startLlamaServer({ embedding: false });
    stop = server.stop;
    baseUrl = server.baseUrl;
    modelName ??= server.models.tools;
  }
  modelName ??= 'default';
  try {
    const llama = createLlamaCpp({ env: {}, baseUrl, model: modelName, timeouts: { totalMs: 300_000 } });
    const exact = await measure(llama, modelName);
    print(`@samus/provider-llamacpp countTokens (exact) vs llama-server usage.prompt_tokens — ${modelName} at ${baseUrl}`, exact);
    const kernel = createKernel({ env: {} }).register(openaiPlugin);
    const estimate = await kernel.createContentGenerator(kernel.createContentGeneratorConfig('openai', { baseUrl, model: modelName, timeouts: { totalMs: 300_000 } }));
    print('generic openai plugin countTokens (chars/4 estimate), same server and conversations', await measure(estimate, modelName));
    return exact.every((row) => row.error === 0) ? 0 : 1;
  } finally {
    await stop?.();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) process.exitCode = await main();
