/**
 * Gemini-shaped request and response types (a structural subset of `@google/genai`), and the
 * `ContentGenerator` interface every provider implements. Field names and meanings follow `@google/genai`
 * so that a Gemini-CLI-family agent can swap generators without translating.
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

/** JSON-schema-like description of function parameters (the Gemini `Schema` subset local servers accept). */
export interface Schema {
  type?: string;
  description?: string;
  enum?: string[];
  format?: string;
  nullable?: boolean;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  anyOf?: Schema[];
  default?: unknown;
  minItems?: string;
  maxItems?: string;
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

export type ToolListUnion = Tool[];

export interface ThinkingConfig {
  includeThoughts?: boolean;
  thinkingBudget?: number;
}

/** Per-request options. */
export interface GenerateContentConfig {
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
  /** `application/json` asks for JSON output; with `responseJsonSchema`, output follows that schema. */
  responseMimeType?: string;
  responseSchema?: Schema;
  responseJsonSchema?: unknown;
  tools?: ToolListUnion;
  thinkingConfig?: ThinkingConfig;
  /** Free-form options passed through to the provider (for example Ollama `numCtx`, `keepAlive`, `think`). */
  labels?: Record<string, string>;
}

export interface GenerateContentParameters {
  model: string;
  contents: ContentListUnion;
  config?: GenerateContentConfig;
}

/** Why generation stopped (the `@google/genai` `FinishReason` values). */
export type FinishReason =
  | 'FINISH_REASON_UNSPECIFIED'
  | 'STOP'
  | 'MAX_TOKENS'
  | 'SAFETY'
  | 'RECITATION'
  | 'LANGUAGE'
  | 'OTHER'
  | 'BLOCKLIST'
  | 'PROHIBITED_CONTENT'
  | 'SPII'
  | 'MALFORMED_FUNCTION_CALL'
  | 'IMAGE_SAFETY'
  | 'UNEXPECTED_TOOL_CALL';

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

export interface GenerateContentResponse {
  candidates?: Candidate[];
  usageMetadata?: GenerateContentResponseUsageMetadata;
  modelVersion?: string;
  responseId?: string;
  createTime?: string;
}

export interface CountTokensParameters {
  model: string;
  contents: ContentListUnion;
  config?: { systemInstruction?: ContentUnion; tools?: ToolListUnion; abortSignal?: AbortSignal };
}

export interface CountTokensResponse {
  totalTokens?: number;
  cachedContentTokenCount?: number;
}

export interface EmbedContentParameters {
  model: string;
  contents: ContentListUnion;
  config?: { abortSignal?: AbortSignal; outputDimensionality?: number; taskType?: string };
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
  generateContentStream(
    request: GenerateContentParameters,
    userPromptId?: string,
    role?: string,
  ): AsyncGenerator<GenerateContentResponse>;
  countTokens(request: CountTokensParameters): Promise<CountTokensResponse>;
  embedContent(request: EmbedContentParameters): Promise<EmbedContentResponse>;
}
