/**
 * How test containers reach the network: `host` (Linux default: Ollama binds 127.0.0.1:<free port>,
 * all traffic stays on loopback) or `bridge` (default elsewhere, e.g. Docker Desktop: a mapped port).
 * Override with `SAMUS_DOCKER_NETWORK=host|bridge`.
 */
export function dockerNetworkMode(env: NodeJS.ProcessEnv = process.env): 'host' | 'bridge' {
  const chosen = env.SAMUS_DOCKER_NETWORK;
  if (chosen === 'host' || chosen === 'bridge') return chosen;
  return process.platform === 'linux' ? 'host' : 'bridge';
}
