/**
 * Gemini-shaped request and response types (a structural subset of `@google/genai`), and the
 * `ContentGenerator` interface every provider implements. Field names and meanings follow `@google/genai`
 * so that a Gemini-CLI-family agent can swap generators without translating.
 *
 * Compatibility is proved by a type test against the real host packages (`contracts/src/host-types.test-d.ts`:
 * `@google/genai` 1.30.0, 2.x and 3.x, `@google/gemini-cli-core` 0.61.0's `ContentGenerator`, Qwen Code's shape):
 * the data and request types are assignable to their `@google/genai` counterparts and back, and responses are usable
 * where `@google/genai` responses are expected (including the `text` / `functionCalls` getters, which is why a
 * response is an object with those getters, not a plain literal: build one with `createGenerateContentResponse()`
 * below, also re-exported by `@samus/provider-core`).
 */

/** Binary data inlined in a part (images for vision models). `data` is base64. */
export interface Blob {
  mimeType?: string;
  data?: string;
  displayName?: string;
}

/** A function call the model asks for. */
export interface FunctionCall {
  id?: string;
  name?: string;
  args?: Record<string, unknown>;
}

/** The result of a function call, sent back to the model. */
export interface FunctionResponse {
  id?: string;
  name?: string;
  response?: Record<string, unknown>;
}

/** One piece of a message. Exactly one of text / functionCall / functionResponse / inlineData is normally set. */
export interface Part {
  text?: string;
  /** True when `text` is the model's reasoning ("thinking"), not its answer. */
  thought?: boolean;
  thoughtSignature?: string;
  functionCall?: FunctionCall;
  functionResponse?: FunctionResponse;
  inlineData?: Blob;
}

/** A message: a role (`user`, `model`, or `system` in a system instruction) and its parts. */
export interface Content {
  role?: string;
  parts?: Part[];
}

export type PartUnion = Part | string;
export type PartListUnion = PartUnion[] | PartUnion;
export type ContentUnion = Content | PartUnion[] | PartUnion;
export type ContentListUnion = Content | Content[] | PartUnion | PartUnion[];

/** Data types of a {@link Schema} (same name and members as `@google/genai`'s `Type`, so the two are interchangeable). */
export enum Type {
  TYPE_UNSPECIFIED = 'TYPE_UNSPECIFIED',
  STRING = 'STRING',
  NUMBER = 'NUMBER',
  INTEGER = 'INTEGER',
  BOOLEAN = 'BOOLEAN',
  ARRAY = 'ARRAY',
  OBJECT = 'OBJECT',
  NULL = 'NULL',
}

/**
 * Gemini `Schema` (an OpenAPI subset) describing function parameters or structured output. Providers convert it
 * to JSON Schema; plain JSON Schema can be given instead through `parametersJsonSchema` / `responseJsonSchema`.
 * At run time lower-case JSON-Schema type names (`"object"`) are accepted too.
 */
export interface Schema {
  type?: Type;
  description?: string;
  title?: string;
  enum?: string[];
  format?: string;
  pattern?: string;
  nullable?: boolean;
  items?: Schema;
  properties?: Record<string, Schema>;
  propertyOrdering?: string[];
  required?: string[];
  anyOf?: Schema[];
  default?: unknown;
  example?: unknown;
  /** Integer as a decimal string, as in `@google/genai`. */
  minItems?: string;
  maxItems?: string;
  minLength?: string;
  maxLength?: string;
  minProperties?: string;
  maxProperties?: string;
  minimum?: number;
  maximum?: number;
}

export interface FunctionDeclaration {
  name?: string;
  description?: string;
  /** Gemini `Schema` form of the parameters. */
  parameters?: Schema;
  /** Plain JSON Schema form of the parameters (takes precedence over `parameters`). */
  parametersJsonSchema?: unknown;
}

export interface Tool {
  functionDeclarations?: FunctionDeclaration[];
}

/** A tool whose declaration is produced on demand (the `@google/genai` `CallableTool` shape). */
export interface CallableTool {
  tool(): Promise<Tool>;
  callTool(functionCalls: FunctionCall[]): Promise<Part[]>;
}

export type ToolUnion = Tool | CallableTool;
export type ToolListUnion = ToolUnion[];

export interface ThinkingConfig {
  /** `false` drops thought parts from the output. */
  includeThoughts?: boolean;
  thinkingBudget?: number;
}

/** Per-request options. */
export interface GenerateContentConfig {
  /** Cancels the request; the provider closes the connection. */
  abortSignal?: AbortSignal;
  systemInstruction?: ContentUnion;
  temperature?: number;
  topP?: number;
  topK?: number;
  candidateCount?: number;
  maxOutputTokens?: number;
  stopSequences?: string[];
  presencePenalty?: number;
  frequencyPenalty?: number;
  seed?: number;
  /** `application/json` asks for JSON output; with `responseJsonSchema` / `responseSchema`, output follows that schema. */
  responseMimeType?: string;
  /** A Gemini {@link Schema} for the output (typed `unknown`, as in `@google/genai`). */
  responseSchema?: unknown;
  /** A JSON Schema for the output (takes precedence over `responseSchema`). */
  responseJsonSchema?: unknown;
  tools?: ToolListUnion;
  thinkingConfig?: ThinkingConfig;
  /** Gemini's billing labels: passed through, never read as settings. */
  labels?: Record<string, string>;
  /**
   * Settings of the serving provider for this request only, merged over the generator's `providerOptions` (typed per
   * provider: `OllamaProviderOptions` — `numCtx`, `keepAlive`, `think`…; `LMStudioProviderOptions` — `ttl`,
   * `draftModel`). Not part of `@google/genai`; a host that does not know it simply never sends it.
   */
  providerOptions?: Readonly<Record<string, unknown>>;
}

export interface GenerateContentParameters {
  model: string;
  contents: ContentListUnion;
  config?: GenerateContentConfig;
}

/**
 * Why generation stopped. Exactly the members of `@google/genai` 1.30.0's `FinishReason` (the version
 * `@google/gemini-cli-core` 0.61.0 pins), with the same names and values. TypeScript relates two enums only when
 * every member of the source exists in the target, so these 15 members make our responses assignable to the
 * `FinishReason` of genai 1.30, 2.x and 3.x (later versions only add members); a member added here that 1.30 lacks
 * would break every 1.30 host.
 */
export enum FinishReason {
  FINISH_REASON_UNSPECIFIED = 'FINISH_REASON_UNSPECIFIED',
  STOP = 'STOP',
  MAX_TOKENS = 'MAX_TOKENS',
  SAFETY = 'SAFETY',
  RECITATION = 'RECITATION',
  LANGUAGE = 'LANGUAGE',
  OTHER = 'OTHER',
  BLOCKLIST = 'BLOCKLIST',
  PROHIBITED_CONTENT = 'PROHIBITED_CONTENT',
  SPII = 'SPII',
  MALFORMED_FUNCTION_CALL = 'MALFORMED_FUNCTION_CALL',
  IMAGE_SAFETY = 'IMAGE_SAFETY',
  UNEXPECTED_TOOL_CALL = 'UNEXPECTED_TOOL_CALL',
  IMAGE_PROHIBITED_CONTENT = 'IMAGE_PROHIBITED_CONTENT',
  NO_IMAGE = 'NO_IMAGE',
}

export interface Candidate {
  content?: Content;
  finishReason?: FinishReason;
  finishMessage?: string;
  index?: number;
}

export interface GenerateContentResponseUsageMetadata {
  promptTokenCount?: number;
  candidatesTokenCount?: number;
  thoughtsTokenCount?: number;
  cachedContentTokenCount?: number;
  totalTokenCount?: number;
}

/** The data fields of a {@link GenerateContentResponse} (what a provider fills in). */
export interface GenerateContentResponseData {
  candidates?: Candidate[];
  usageMetadata?: GenerateContentResponseUsageMetadata;
  modelVersion?: string;
  responseId?: string;
  createTime?: string;
}

/**
 * A response or stream chunk. Like `@google/genai`'s class it has read-only convenience getters, computed from
 * the first candidate.
 */
export interface GenerateContentResponse extends GenerateContentResponseData {
  /** Concatenated non-thought text parts of the first candidate; `undefined` when there are none. */
  readonly text: string | undefined;
  /** Concatenated base64 `inlineData` of the first candidate; `undefined` when there is none. */
  readonly data: string | undefined;
  /** Function-call parts of the first candidate; `undefined` when there are none. */
  readonly functionCalls: FunctionCall[] | undefined;
  /** Always `undefined` (local servers do not execute code); present for `@google/genai` compatibility. */
  readonly executableCode: string | undefined;
  /** Always `undefined`; present for `@google/genai` compatibility. */
  readonly codeExecutionResult: string | undefined;
  /**
   * Always `undefined`; present for `@google/genai` compatibility. Required (not optional) because genai 2.x and
   * 3.x declare it as a getter: an optional member would not be assignable to theirs. genai 1.30 has no such
   * getter, which costs nothing in the direction that matters (ours → 1.30: an extra member is fine).
   */
  readonly initialPromptTokenCount: number | undefined;
}

function firstParts(response: GenerateContentResponseData): Part[] | undefined {
  return response.candidates?.[0]?.content?.parts;
}

/** Prototype of every response object: the `@google/genai` getters, computed on access only. */
class ResponseWithGetters implements GenerateContentResponse {
  declare candidates?: Candidate[];
  declare usageMetadata?: GenerateContentResponseUsageMetadata;
  declare modelVersion?: string;
  declare responseId?: string;
  declare createTime?: string;

  constructor(data: GenerateContentResponseData) {
    // Own properties only for the fields that are set, in a fixed order (stable object shapes on hot paths).
    if (data.candidates !== undefined) this.candidates = data.candidates;
    if (data.usageMetadata !== undefined) this.usageMetadata = data.usageMetadata;
    if (data.modelVersion !== undefined) this.modelVersion = data.modelVersion;
    if (data.responseId !== undefined) this.responseId = data.responseId;
    if (data.createTime !== undefined) this.createTime = data.createTime;
  }

  get text(): string | undefined {
    let text: string | undefined;
    for (const part of firstParts(this) ?? []) {
      if (typeof part.text === 'string' && part.thought !== true) text = (text ?? '') + part.text;
    }
    return text;
  }

  get data(): string | undefined {
    let data = '';
    for (const part of firstParts(this) ?? []) if (typeof part.inlineData?.data === 'string') data += atob(part.inlineData.data);
    return data.length > 0 ? btoa(data) : undefined;
  }

  get functionCalls(): FunctionCall[] | undefined {
    const calls: FunctionCall[] = [];
    for (const part of firstParts(this) ?? []) if (part.functionCall) calls.push(part.functionCall);
    return calls.length > 0 ? calls : undefined;
  }

  get executableCode(): string | undefined {
    return undefined;
  }

  get codeExecutionResult(): string | undefined {
    return undefined;
  }

  get initialPromptTokenCount(): number | undefined {
    return undefined;
  }
}

/**
 * Builds a {@link GenerateContentResponse} from its data fields: the fields become own enumerable properties (so
 * `JSON.stringify` and spreading see only data) and the `@google/genai` getters (`text`, `functionCalls`, ...)
 * come from the prototype. Providers build every response and stream chunk with it.
 */
export function createGenerateContentResponse(data: GenerateContentResponseData): GenerateContentResponse {
  return new ResponseWithGetters(data);
}

export interface CountTokensConfig {
  abortSignal?: AbortSignal;
  systemInstruction?: ContentUnion;
  tools?: Tool[];
}

export interface CountTokensParameters {
  model: string;
  contents: ContentListUnion;
  config?: CountTokensConfig;
}

export interface CountTokensResponse {
  totalTokens?: number;
  cachedContentTokenCount?: number;
}

export interface EmbedContentConfig {
  abortSignal?: AbortSignal;
  outputDimensionality?: number;
  taskType?: string;
}

export interface EmbedContentParameters {
  model: string;
  contents: ContentListUnion;
  config?: EmbedContentConfig;
}

export interface ContentEmbedding {
  values?: number[];
  statistics?: { tokenCount?: number; truncated?: boolean };
}

export interface EmbedContentResponse {
  embeddings?: ContentEmbedding[];
}

/**
 * What every provider implements. Shapes follow `@google/genai`; `userPromptId` and `role` are the
 * Gemini-CLI tracing arguments and may be ignored.
 */
export interface ContentGenerator {
  generateContent(request: GenerateContentParameters, userPromptId?: string, role?: string): Promise<GenerateContentResponse>;
  /**
   * Streams a response. As in `@google/genai` and Gemini CLI's `ContentGenerator`, the stream comes in a promise:
   * it resolves once the server accepted the request (a 2xx status), and rejects with the `SamusError` of anything
   * that failed before that (an invalid request, a refused connection, an HTTP error status, a timeout waiting for
   * the response headers, an abort), after the provider's own retries. A host that retries around the `await` (Gemini
   * CLI's `retryWithBackoff`) therefore sees those errors where it can retry them. What fails later (an error inside
   * the stream, a broken connection, an idle timeout) is thrown by the iterator.
   */
  generateContentStream(
    request: GenerateContentParameters,
    userPromptId?: string,
    role?: string,
  ): Promise<AsyncGenerator<GenerateContentResponse>>;
  countTokens(request: CountTokensParameters): Promise<CountTokensResponse>;
  embedContent(request: EmbedContentParameters): Promise<EmbedContentResponse>;
}
