import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort, progress, ProvisionError, samusCacheDir } from '@samus/test-ollama';
import { ensureLlamaServerBinary } from './llama-server-binary.js';
import {
  ensureChatModelFile,
  ensureEmbeddingModelFile,
  ensureToolsModelFile,
  GEMMA_CHAT_TEMPLATE,
  LLAMA_CHAT_MODEL,
  LLAMA_EMBEDDING_MODEL,
  LLAMA_TOOLS_MODEL,
  SMOLLM2_TOOLS_TEMPLATE,
} from './llama-models.js';

/** Options of {@link startLlamaServer}. */
export interface StartLlamaServerOptions {
  /**
   * Serve the embedding model too (default `true`: tried, and left out with a warning when no Docker engine / Ollama
   * models image can be had to take its GGUF from). `'required'` fails instead.
   */
  embedding?: boolean | 'required';
  /** Context size of the chat model (default 4096). */
  contextSize?: number;
  /** Extra `llama-server` arguments (router level: every model instance inherits them). */
  args?: readonly string[];
  /** Bound of the wait until the server and its models are loaded, ms (default 180 000). */
  readyTimeoutMs?: number;
}

/** A running llama-server (router mode) with the test models. */
export interface StartedLlamaServer {
  /** `http://127.0.0.1:<port>` (no `/v1`). */
  baseUrl: string;
  /** Process id of the router (its model instances are its children and exit with it). */
  pid: number;
  /** Model ids served (preset section names). */
  models: { chat: string; tools: string; embedding?: string };
  /** Context size the chat model runs with. */
  contextSize: number;
  /** The server's log file. */
  logFile: string;
  /** Stops the server (SIGTERM, then SIGKILL after 10 s) and removes its preset and log. Idempotent. */
  stop(): Promise<void>;
}

const DEFAULT_READY_TIMEOUT_MS = 180_000;
const STOP_GRACE_MS = 10_000;

function logTail(file: string, lines = 40): string | undefined {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return undefined;
  }
}

/** The router preset: one section per model (its id), every instance with the same server settings. */
export function presetIni(files: { chat: string; chatTemplate: string; tools: string; toolsTemplate?: string; embedding?: string }, contextSize: number): string {
  const lines = [
    'version = 1',
    '',
    '[*]',
    'threads = 2',
    'parallel = 1',
    '',
    `[${LLAMA_CHAT_MODEL}]`,
    `model = ${files.chat}`,
    'jinja = true',
    `chat-template-file = ${files.chatTemplate}`,
    `ctx-size = ${contextSize}`,
    'load-on-startup = true',
    '',
    `[${LLAMA_TOOLS_MODEL}]`,
    `model = ${files.tools}`,
    'jinja = true',
    ...(files.toolsTemplate ? [`chat-template-file = ${files.toolsTemplate}`] : []),
    `ctx-size = ${contextSize}`,
    'load-on-startup = true',
  ];
  if (files.embedding) {
    lines.push('', `[${LLAMA_EMBEDDING_MODEL}]`, `model = ${files.embedding}`, 'embeddings = true', 'ctx-size = 512', 'load-on-startup = true');
  }
  return `${lines.join('\n')}\n`;
}

async function getJson(url: string, timeoutMs: number): Promise<{ status: number; body: unknown } | undefined> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // text
    }
    return { status: response.status, body };
  } catch {
    return undefined;
  }
}

const running = new Set<ChildProcess>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // A run that ends without calling stop() (a crash, Ctrl-C) still ends the servers it started (by their pid).
  process.once('exit', () => {
    for (const child of running) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
}

/**
 * Starts a real `llama-server` (built and cached by {@link ensureLlamaServerBinary}) as a supervised child process in
 * **router mode**, bound to `127.0.0.1:<free port>`, with a preset serving Gemma 3 270M (chat), SmolLM2-135M-Instruct
 * (`--jinja`, tools) and, when available, all-MiniLM-L6-v2 (embeddings), both loaded at startup. Resolves when `/health`
 * answers and every model reports `loaded` (bounded); rejects with a `ProvisionError` carrying the server log's tail.
 */
export async function startLlamaServer(options: StartLlamaServerOptions = {}): Promise<StartedLlamaServer> {
  const binary = await ensureLlamaServerBinary();
  const chat = await ensureChatModelFile();
  const tools = await ensureToolsModelFile();
  let embedding: string | undefined;
  if (options.embedding !== false) {
    try {
      embedding = await ensureEmbeddingModelFile();
    } catch (error) {
      if (options.embedding === 'required') throw error;
      progress(`llama-server runs without an embedding model: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
    }
  }
  const contextSize = options.contextSize ?? 4096;
  const port = await freePort();
  const dir = join(samusCacheDir(), 'llama-cpp', 'runs');
  mkdirSync(dir, { recursive: true });
  const presetFile = join(dir, `preset-${process.pid}-${port}.ini`);
  const chatTemplate = join(dir, 'gemma3.jinja');
  const toolsTemplate = join(dir, 'smollm2-tools.jinja');
  writeFileSync(chatTemplate, GEMMA_CHAT_TEMPLATE);
  writeFileSync(toolsTemplate, SMOLLM2_TOOLS_TEMPLATE);
  writeFileSync(presetFile, presetIni({ chat, chatTemplate, tools, toolsTemplate, ...(embedding ? { embedding } : {}) }, contextSize));
  const logFile = join(dir, `server-${process.pid}-${port}.log`);
  const log = openSync(logFile, 'w');
  const args = ['--host', '127.0.0.1', '--port', String(port), '--models-preset', presetFile, '--models-max', '4', '--no-webui', ...(options.args ?? [])];
  const child = spawn(binary, args, { stdio: ['ignore', log, log], env: { ...process.env, LLAMA_ARG_HOST: '127.0.0.1' } });
  closeSync(log);
  installExitHook();
  running.add(child);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.once('exit', () => running.delete(child));
  let stopped: Promise<void> | undefined;
  const stop = (): Promise<void> =>
    (stopped ??= (async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
      await exited;
      clearTimeout(timer);
    })());

  const baseUrl = `http://127.0.0.1:${port}`;
  const wanted = [LLAMA_CHAT_MODEL, LLAMA_TOOLS_MODEL, ...(embedding ? [LLAMA_EMBEDDING_MODEL] : [])];
  const deadline = Date.now() + (options.readyTimeoutMs ?? DEFAULT_READY_TIMEOUT_MS);
  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new ProvisionError('llama-server', `llama-server exited during startup (code ${child.exitCode ?? child.signalCode})`, {
        hint: 'read the server log',
        logFile,
        logTail: logTail(logFile),
      });
    }
    const health = await getJson(`${baseUrl}/health`, 2_000);
    if (health?.status === 200) {
      const models = await getJson(`${baseUrl}/models`, 2_000);
      const data = (models?.body as { data?: Array<{ id?: string; status?: { value?: string; failed?: boolean } }> } | undefined)?.data ?? [];
      const failed = data.find((entry) => wanted.includes(entry.id ?? '') && entry.status?.failed === true);
      if (failed) {
        await stop();
        throw new ProvisionError('llama-server', `llama-server could not load model ${failed.id}`, { hint: 'read the server log', logFile, logTail: logTail(logFile) });
      }
      if (wanted.every((id) => data.some((entry) => entry.id === id && entry.status?.value === 'loaded'))) break;
    }
    if (Date.now() > deadline) {
      await stop();
      throw new ProvisionError('llama-server', `llama-server did not load ${wanted.join(', ')} within ${Math.round((options.readyTimeoutMs ?? DEFAULT_READY_TIMEOUT_MS) / 1000)}s`, {
        hint: 'read the server log',
        logFile,
        logTail: logTail(logFile),
      });
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  progress(`llama-server (router) at ${baseUrl}, pid ${child.pid}, models ${wanted.join(', ')} (ready in ${((Date.now() - started) / 1000).toFixed(1)}s)`);
  // A server that started and was stopped normally leaves nothing behind (a failed start keeps its log for the error).
  const stopAndClean = async (): Promise<void> => {
    await stop();
    rmSync(presetFile, { force: true });
    rmSync(logFile, { force: true });
  };
  return { baseUrl, pid: child.pid!, models: { chat: LLAMA_CHAT_MODEL, tools: LLAMA_TOOLS_MODEL, ...(embedding ? { embedding: LLAMA_EMBEDDING_MODEL } : {}) }, contextSize, logFile, stop: stopAndClean };
}
