import { FinishReason } from '@samus/kernel';

/**
 * Maps an OpenAI `finish_reason` to Gemini's: `stop` → `STOP`, `length` → `MAX_TOKENS`, `tool_calls` /
 * `function_call` → `STOP` (Gemini reports calls as parts and stops normally), `content_filter` → `SAFETY`,
 * anything else → `OTHER`; `null` / absent → `undefined`.
 */
export function mapFinishReason(reason: string | null | undefined): FinishReason | undefined {
  switch (reason) {
    case null:
    case undefined:
    case '':
      return undefined;
    case 'stop':
    case 'tool_calls':
    case 'function_call':
    case 'eos':
      return FinishReason.STOP;
    case 'length':
      return FinishReason.MAX_TOKENS;
    case 'content_filter':
      return FinishReason.SAFETY;
    default:
      return FinishReason.OTHER;
  }
}
