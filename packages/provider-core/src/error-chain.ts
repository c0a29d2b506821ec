/**
 * The errors along a `cause` chain, outermost first (`fetch failed` → its cause; each of an `AggregateError`'s
 * `errors` from happy eyeballs), each once, at most 6 levels deep.
 */
export function errorChain(error: unknown): object[] {
  const chain: object[] = [];
  const seen = new Set<unknown>();
  const visit = (value: unknown, depth: number): void => {
    if (depth > 6 || value === null || typeof value !== 'object' || seen.has(value)) return;
    seen.add(value);
    chain.push(value);
    const record = value as { cause?: unknown; errors?: unknown };
    if (Array.isArray(record.errors)) for (const inner of record.errors) visit(inner, depth + 1);
    visit(record.cause, depth + 1);
  };
  visit(error, 0);
  return chain;
}

/** The error codes along a `cause` chain (`fetch failed` → `ECONNREFUSED`; `AggregateError` from happy eyeballs). */
export function errorCodes(error: unknown): string[] {
  const codes: string[] = [];
  for (const entry of errorChain(error)) {
    const record = entry as { code?: unknown; name?: unknown };
    if (typeof record.code === 'string') codes.push(record.code);
    if (record.name === 'HTTPParserError' || record.name === 'ResponseContentLengthMismatchError') codes.push(String(record.name));
  }
  return codes;
}

/**
 * What went wrong with a request that got no answer, for a message: the innermost message along the cause chain
 * that says more than undici's bare `fetch failed` (a phrase our messages never carry: hosts such as gemini-cli
 * retry any error whose message contains it, on top of our own retries).
 */
export function describeNetworkFailure(error: unknown): string {
  const messages = errorChain(error)
    .map((entry) => (entry as { message?: unknown }).message)
    .filter((message): message is string => typeof message === 'string' && message.trim() !== '' && !/fetch failed/i.test(message));
  return messages.at(-1) ?? 'the request failed without an answer';
}
