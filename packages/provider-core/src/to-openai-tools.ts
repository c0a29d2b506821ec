import { SamusError, type FunctionDeclaration, type Schema, type ToolListUnion } from '@samus/kernel';
import type { ChatCompletionFunctionTool } from './openai-wire-types.js';
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
 * `tools`. Returns `undefined` when there are no function declarations. Names are trimmed; a declaration without
 * a name is skipped. Throws `SAMUS_ERR_INVALID_REQUEST` naming the entry (`config.tools[0]`) when `tools` is not a
 * list, an entry is not an object, or `functionDeclarations` is not a list of objects.
 */
export async function toOpenAITools(tools: ToolListUnion | undefined): Promise<ChatCompletionFunctionTool[] | undefined> {
  if (tools === undefined || tools === null) return undefined;
  if (!Array.isArray(tools)) throw invalidTools('config.tools', `must be a list of tools, got ${describe(tools)}`);
  if (tools.length === 0) return undefined;
  const result: ChatCompletionFunctionTool[] = [];
  for (let position = 0; position < tools.length; position++) {
    const entry = tools[position] as unknown;
    const where = `config.tools[${position}]`;
    if (entry === null || typeof entry !== 'object') throw invalidTools(where, `must be a tool object, got ${describe(entry)}`);
    const callable = entry as { tool?: unknown };
    const tool = (typeof callable.tool === 'function' ? await (callable.tool as () => Promise<unknown>)() : entry) as { functionDeclarations?: unknown } | null;
    if (tool === null || typeof tool !== 'object') throw invalidTools(where, `tool() returned ${describe(tool)}`);
    if (!('functionDeclarations' in tool) || tool.functionDeclarations === undefined || tool.functionDeclarations === null) continue;
    if (!Array.isArray(tool.functionDeclarations)) throw invalidTools(`${where}.functionDeclarations`, `must be a list, got ${describe(tool.functionDeclarations)}`);
    const declarations = tool.functionDeclarations as unknown[];
    for (let index = 0; index < declarations.length; index++) {
      const declaration = declarations[index] as FunctionDeclaration | null;
      if (declaration === null || typeof declaration !== 'object') throw invalidTools(`${where}.functionDeclarations[${index}]`, `must be a function declaration, got ${describe(declaration)}`);
      const name = typeof declaration.name === 'string' ? declaration.name.trim() : '';
      if (name === '') continue;
      result.push({
        type: 'function',
        function: {
          name,
          ...(typeof declaration.description === 'string' && declaration.description !== '' ? { description: declaration.description } : {}),
          parameters: parametersOf({ ...declaration, name }),
        },
      });
    }
  }
  return result.length > 0 ? result : undefined;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}

function invalidTools(where: string, problem: string): SamusError {
  return new SamusError('SAMUS_ERR_INVALID_REQUEST', `${where} ${problem}`, {
    hint: 'Pass tools as [{ functionDeclarations: [{ name, description, parametersJsonSchema }] }].',
    details: { field: where },
  });
}
