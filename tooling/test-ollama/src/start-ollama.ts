import { GenericContainer, type StartedTestContainer, Wait } from 'testcontainers';
import { freePort } from './free-port.js';
import { CONTAINER_LABEL } from './model-names.js';
import { dockerNetworkMode } from './network-mode.js';
import { waitForOllamaVersion } from './ollama-http.js';
import { provisionOllama } from './provision-ollama.js';
import { ProvisionError } from './provision-error.js';

/** Options of {@link startOllama}. */
export interface StartOllamaOptions {
  /** Start from the image with the test models baked in (default true); false = a bare Ollama. */
  models?: boolean;
  /** Extra environment for the Ollama server (e.g. `OLLAMA_NUM_PARALLEL`). */
  env?: Record<string, string>;
}

/** A running Ollama container. */
export interface StartedOllama {
  /** e.g. `http://127.0.0.1:41234` (no trailing slash). */
  baseUrl: string;
  containerId: string;
  /** Stops and removes the container (idempotent). */
  stop(): Promise<void>;
}

const STARTUP_TIMEOUT_MS = 120_000;
const PORT = 11434;

/**
 * Owner label value: `SAMUS_TEST_OLLAMA_OWNER` (the vitest config sets it to the vitest main pid so
 * the global teardown can sweep what a run left), else this process's pid.
 */
export function containerOwner(env: NodeJS.ProcessEnv = process.env): string {
  return env.SAMUS_TEST_OLLAMA_OWNER ?? String(process.pid);
}

async function startOnce(image: string, env: Record<string, string>): Promise<StartedOllama> {
  const mode = dockerNetworkMode();
  const port = mode === 'host' ? await freePort() : PORT;
  let container = new GenericContainer(image)
    .withLabels({ [CONTAINER_LABEL]: containerOwner() })
    .withStartupTimeout(STARTUP_TIMEOUT_MS)
    .withWaitStrategy(Wait.forLogMessage(/Listening on/));
  if (mode === 'host') {
    container = container.withNetworkMode('host').withEnvironment({ OLLAMA_MODELS: '/models', ...env, OLLAMA_HOST: `127.0.0.1:${port}` });
  } else {
    container = container.withExposedPorts(PORT).withEnvironment({ OLLAMA_MODELS: '/models', ...env, OLLAMA_HOST: `0.0.0.0:${PORT}` });
  }
  let started: StartedTestContainer;
  try {
    started = await container.start();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const ryuk = /ryuk/i.test(message) && process.env.TESTCONTAINERS_RYUK_DISABLED !== 'true';
    const strategy = /container runtime strategy/i.test(message) && !process.env.TESTCONTAINERS_HOST_OVERRIDE;
    let hint = 'check `docker info` and the image';
    if (ryuk) hint = "testcontainers' reaper image cannot be pulled here: set TESTCONTAINERS_RYUK_DISABLED=true (the vitest contract project does)";
    else if (strategy) hint = 'testcontainers looks for a bridge network when /.dockerenv exists: set TESTCONTAINERS_HOST_OVERRIDE=127.0.0.1 (the vitest contract project does)';
    throw new ProvisionError('container', `starting an Ollama container from ${image} failed: ${message}`, {
      hint,
      cause: error,
    });
  }
  const baseUrl = mode === 'host' ? `http://127.0.0.1:${port}` : `http://${started.getHost()}:${started.getMappedPort(PORT)}`;
  let stopped: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopped ??= started.stop({ timeout: 10_000, remove: true, removeVolumes: true }).then(() => undefined);
    return stopped;
  };
  try {
    await waitForOllamaVersion(baseUrl, 30_000);
  } catch (error) {
    const logs = await started.logs({ tail: 20 }).catch(() => undefined);
    let tail = '';
    if (logs) for await (const line of logs) tail += String(line);
    await stop().catch(() => undefined);
    throw new ProvisionError('container', error instanceof Error ? error.message : String(error), { hint: 'read the container log tail', logTail: tail, cause: error });
  }
  return { baseUrl, containerId: started.getId(), stop };
}

/**
 * Starts a real Ollama v0.11.4 container with testcontainers (provisioning first, cached). On
 * Linux it uses host networking with Ollama bound to `127.0.0.1:<free port>` (`OLLAMA_HOST`), so
 * traffic stays on loopback; elsewhere the default bridge and a mapped port. Waits (bounded) until
 * `/api/version` answers. Several instances can run side by side. Every container is labelled
 * `samus.test-ollama=<owner>`; call `stop()` when done (testcontainers' reaper is disabled here).
 * @example
 * const ollama = await startOllama();
 * const res = await fetch(`${ollama.baseUrl}/api/version`);
 * await ollama.stop();
 */
export async function startOllama(options: StartOllamaOptions = {}): Promise<StartedOllama> {
  const image = await provisionOllama({ models: options.models ?? true });
  const env = options.env ?? {};
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt += 1) {
    try {
      return await startOnce(image, env);
    } catch (error) {
      lastError = error;
      // A free port can be taken between probing and binding: retry with a new one (host mode).
      const text = error instanceof Error ? `${error.message} ${error instanceof ProvisionError ? (error.logTail ?? '') : ''}` : '';
      if (!/address already in use|exited before/i.test(text)) break;
    }
  }
  throw lastError;
}
