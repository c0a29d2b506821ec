#!/usr/bin/env node
// The README's demo (`npm run demo`): a real Ollama 0.11.4 with a real 270M model in a container and a mock
// LM Studio on loopback, driven through the `samus` CLI exactly as a user would type it. Everything it starts it
// stops again, also on Ctrl-C. Needs the workspace built (the bootstrap does that) and, for the Ollama part,
// Docker (provisioned automatically when root on Debian; otherwise the demo runs against the mock alone).
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { startMockLMStudio } from '@samus/mock-lmstudio';
import { CHAT_MODEL, provisionOllama, startOllama } from '@samus/test-ollama';

const require = createRequire(import.meta.url);
const samusBin = join(dirname(require.resolve('@samus/cli/package.json')), 'bin', 'samus.mjs');
const useColor = process.stdout.isTTY && !process.env.NO_COLOR;
const bold = (text) => (useColor ? `\u001b[1m${text}\u001b[22m` : text);
const cleanups = [];

function say(message) {
  process.stdout.write(`\n${bold(`[demo] ${message}`)}\n`);
}

async function cleanup() {
  while (cleanups.length > 0) await cleanups.pop()().catch(() => {});
}

process.once('SIGINT', () => {
  void cleanup().then(() => process.exit(130));
});

function samus(args, env) {
  process.stdout.write(`${bold('$')} samus ${args.map((arg) => (/\s/.test(arg) ? JSON.stringify(arg) : arg)).join(' ')}\n`);
  const result = spawnSync(process.execPath, [samusBin, ...args], { stdio: 'inherit', env: { ...process.env, ...env } });
  return result.status ?? 1;
}

let failures = 0;
try {
  say('starting a mock LM Studio server on 127.0.0.1 (tooling/mock-lmstudio)');
  const lmStudio = await startMockLMStudio({ port: 0, tokenDelayMs: 15 });
  cleanups.push(() => lmStudio.close());
  const env = { LM_STUDIO_BASE_URL: lmStudio.url };

  let ollamaUrl;
  try {
    say('provisioning a real Ollama 0.11.4 image with Gemma 3 270M (built and cached on the first run; seconds afterwards)');
    await provisionOllama();
    const ollama = await startOllama();
    cleanups.push(() => ollama.stop());
    ollamaUrl = ollama.baseUrl;
    env.OLLAMA_HOST = ollamaUrl;
    say(`Ollama is listening at ${ollamaUrl}`);
  } catch (error) {
    say(`Ollama could not be started, continuing with LM Studio only: ${error instanceof Error ? error.message.split('\n')[0] : error}`);
    if (error && typeof error === 'object' && 'hint' in error) process.stdout.write(`  hint: ${error.hint}\n`);
  }

  say('1. which local LLM servers are running, and what do they have?');
  failures += samus(['discover'], env) === 0 ? 0 : 1;

  say('2. every model on every server');
  failures += samus(['models'], env) === 0 ? 0 : 1;

  if (ollamaUrl) {
    say('3. a streamed answer from Ollama (real inference on this CPU), with TTFT and tokens/s');
    failures += samus(['chat', '--auth', 'ollama', '--model', CHAT_MODEL, '--max-tokens', '48', 'Write one sentence about the sea.'], env) === 0 ? 0 : 1;
    say('4. the same through the router: --auth auto picks a healthy server that has the model');
    failures += samus(['chat', '--auth', 'auto', '--model', CHAT_MODEL, '--max-tokens', '48', 'Name three colours.'], env) === 0 ? 0 : 1;
  }

  say(`${ollamaUrl ? '5' : '3'}. LM Studio (mock): just-in-time load, then a streamed answer`);
  failures += samus(['chat', '--auth', 'lm-studio', '--model', 'qwen2.5-7b-instruct', 'Say hello.'], env) === 0 ? 0 : 1;

  say('scripts get JSON: samus discover --json');
  failures += samus(['discover', '--json'], env) === 0 ? 0 : 1;
} finally {
  say('stopping what the demo started');
  await cleanup();
}
say(failures === 0 ? 'done.' : `done, ${failures} step(s) failed (see above).`);
process.exitCode = failures === 0 ? 0 : 1;
