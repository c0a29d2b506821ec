/** What {@link scanJson} found. */
export interface JsonScan {
  /** Index after the bracket that closes the value opened at `from`; -1 when the text ends before it closes. */
  end: number;
  /** Brackets still open where the scan stopped. */
  open: number;
  /** The scan stopped inside a string. */
  inString: boolean;
  /** A closing bracket did not match the one it closes (not JSON). */
  mismatched: boolean;
}

/**
 * Scans JSON text for brackets, skipping strings and their escapes: the one scanner for "where does this object end"
 * (text tool-call recovery) and "was this object cut off" (tool-call arguments). Stops at the bracket that closes
 * the value opened at `from`, or with `whole: true` reads the whole text. Linear, no allocation per character.
 */
export function scanJson(text: string, from = 0, whole = false): JsonScan {
  const stack: string[] = [];
  let inString = false;
  let escaped = false;
  let mismatched = false;
  for (let i = from; i < text.length; i++) {
    const char = text[i]!;
    if (inString) {
      if (escaped) escaped = false;
      else if (char === '\\') escaped = true;
      else if (char === '"') inString = false;
      continue;
    }
    if (char === '"') inString = true;
    else if (char === '{') stack.push('}');
    else if (char === '[') stack.push(']');
    else if (char === '}' || char === ']') {
      if (stack.length === 0 || stack.pop() !== char) mismatched = true;
      if (stack.length === 0 && !whole) return { end: i + 1, open: 0, inString: false, mismatched };
    }
  }
  return { end: -1, open: stack.length, inString, mismatched };
}
