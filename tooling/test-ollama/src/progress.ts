/** Prints one progress line of a long provisioning step to stderr, as it happens. */
export function progress(message: string): void {
  process.stderr.write(`[samus test-ollama] ${message}\n`);
}

/**
 * Prints "still <doing> (Ns)" every `everyMs` until the returned function is called, so a long
 * silent step (Go build, image import) shows it is alive.
 */
export function heartbeat(doing: string, everyMs = 30_000): () => void {
  const started = Date.now();
  const timer = setInterval(() => {
    progress(`still ${doing} (${Math.round((Date.now() - started) / 1000)}s)`);
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
