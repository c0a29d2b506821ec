import { type FunctionDeclaration, type Schema, type ToolListUnion } from '@samus/kernel';
import type { ChatCompletionFunctionTool } from 'openai/resources/chat/completions';
import { geminiSchemaToJsonSchema, toJsonSchema } from './gemini-schema-to-json-schema.js';

/** The JSON Schema of a declaration's parameters: `parametersJsonSchema` or `parameters`, lowered (Gemini `Type` names too). */
function parametersOf(declaration: FunctionDeclaration): Record<string, unknown> {
  let schema: Record<string, unknown>;
  if (declaration.parametersJsonSchema !== undefined && declaration.parametersJsonSchema !== null) {
    schema = toJsonSchema(declaration.parametersJsonSchema, `tools[${declaration.name ?? ''}].parametersJsonSchema`);
  } else {
    schema = geminiSchemaToJsonSchema(declaration.parameters as Schema | undefined, `tools[${declaration.name ?? ''}].parameters`);
  }
  // Tools without arguments still need an object schema: several servers reject a missing or empty one.
  if (schema['type'] === undefined) schema['type'] = 'object';
  if (schema['type'] === 'object' && schema['properties'] === undefined) schema['properties'] = {};
  return schema;
}

/**
 * Converts Gemini tools (function declarations; `CallableTool`s are asked for their declaration) into OpenAI
 * `tools`. Returns `undefined` when there are no function declarations.
 */
export async function toOpenAITools(tools: ToolListUnion | undefined): Promise<ChatCompletionFunctionTool[] | undefined> {
  if (!tools || tools.length === 0) return undefined;
  const result: ChatCompletionFunctionTool[] = [];
  for (const entry of tools) {
    const tool = 'tool' in entry && typeof entry.tool === 'function' ? await entry.tool() : entry;
    if (!('functionDeclarations' in tool)) continue;
    for (const declaration of tool.functionDeclarations ?? []) {
      if (!declaration.name) continue;
      result.push({
        type: 'function',
        function: {
          name: declaration.name,
          ...(declaration.description ? { description: declaration.description } : {}),
          parameters: parametersOf(declaration),
        },
      });
    }
  }
  return result.length > 0 ? result : undefined;
}
