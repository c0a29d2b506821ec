#!/usr/bin/env node
// The README's demo (`npm run demo`): a real Ollama 0.11.4 with a real 270M model in a container and a mock
// LM Studio on loopback, driven through the `samus` CLI exactly as a user would type it. Everything it starts it
// stops again, also on Ctrl-C. Needs the workspace built (the bootstrap does that) and, for the Ollama part,
// Docker (provisioned automatically when root on Debian; otherwise the demo runs against the mock alone).
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { startMockLMStudio } from '@samus/mock-lmstudio';
// SmolLM2-135M-Instruct answers more sensibly than the Gemma 3 270M base model the contract tests use.
import { provisionOllama, startOllama, TOOLS_MODEL as DEMO_MODEL } from '@samus/test-ollama';

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

/**
 * Runs the CLI as a user would; asynchronous, since the mock LM Studio answers from this process. With `summarise`,
 * stdout is captured and shown through it (for long JSON).
 */
function samus(args, env, summarise) {
  process.stdout.write(`${bold('$')} samus ${args.map((arg) => (/\s/.test(arg) ? JSON.stringify(arg) : arg)).join(' ')}\n`);
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [samusBin, ...args], {
      stdio: ['inherit', summarise ? 'pipe' : 'inherit', 'inherit'],
      env: { ...process.env, ...env },
    });
    let stdout = '';
    child.stdout?.setEncoding('utf8').on('data', (text) => (stdout += text));
    child.on('error', () => resolve(1));
    child.on('exit', (code) => {
      if (summarise) {
        try {
          process.stdout.write(summarise(stdout));
        } catch {
          process.stdout.write(stdout);
        }
      }
      resolve(code ?? 1);
    });
  });
}

let failures = 0;
try {
  say('starting a mock LM Studio server on 127.0.0.1 (tooling/mock-lmstudio)');
  const lmStudio = await startMockLMStudio({ port: 0, tokenDelayMs: 15, loadDelayMs: 1500 });
  cleanups.push(() => lmStudio.close());
  const env = { LM_STUDIO_BASE_URL: lmStudio.url };

  let ollamaUrl;
  try {
    say('provisioning a real Ollama 0.11.4 image with real small models (built and cached on the first run; seconds afterwards)');
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
  failures += (await samus(['discover'], env)) === 0 ? 0 : 1;

  say('2. every model on every server');
  failures += (await samus(['models'], env)) === 0 ? 0 : 1;

  if (ollamaUrl) {
    say('3. a streamed answer from Ollama (real inference on this CPU), with TTFT and tokens/s');
    failures += (await samus(['chat', '--auth', 'ollama', '--model', DEMO_MODEL, '--max-tokens', '48', 'Write one sentence about the sea.'], env)) === 0 ? 0 : 1;
    say('4. the same through the router: --auth auto picks a healthy server that has the model');
    failures += (await samus(['chat', '--auth', 'auto', '--model', DEMO_MODEL, '--max-tokens', '48', 'Name three colours.'], env)) === 0 ? 0 : 1;
  }

  say(`${ollamaUrl ? '5' : '3'}. LM Studio (mock): a model that is not loaded yet is loaded just in time, then streams`);
  failures += (await samus(['chat', '--auth', 'lm-studio', '--model', 'google/gemma-3-4b', 'Say hello.'], env)) === 0 ? 0 : 1;

  say(`${ollamaUrl ? '6' : '4'}. downloading a model (LM Studio mock), with progress`);
  failures += (await samus(['pull', '--auth', 'lm-studio', 'qwen/qwen3-4b-2507'], env)) === 0 ? 0 : 1;

  say('scripts get JSON (every command takes --json): samus models --json | first entry');
  failures += (await samus(['models', '--json', '--ports', 'none'], env, (stdout) => {
    const report = JSON.parse(stdout);
    const first = report.models?.[0] ?? report.servers?.[0];
    return `${JSON.stringify(first, null, 2)}\n… (${stdout.length} bytes in all)\n`;
  })) === 0 ? 0 : 1;
} finally {
  say('stopping what the demo started');
  await cleanup();
}
say(failures === 0 ? 'done.' : `done, ${failures} step(s) failed (see above).`);
process.exitCode = failures === 0 ? 0 : 1;
