import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBlobFileServer } from './blob-file-server.js';
import { ensureDebianExecutable } from './docker-engine.js';
import { freePort } from './free-port.js';
import { ProvisionError } from './provision-error.js';

/** A running local registry (Debian's `docker-registry`, i.e. distribution v2). */
export interface StartedRegistry {
  /** e.g. `http://127.0.0.1:45123` */
  baseUrl: string;
  /** `127.0.0.1:45123`, the host part of model names pushed/pulled through it. */
  host: string;
  /** Kills the registry process and deletes its storage (idempotent). */
  stop(): Promise<void>;
}

const START_TIMEOUT_MS = 20_000;

/**
 * Starts Debian's `docker-registry` binary (installed with apt-get when missing and root on
 * Debian) as a plain process on `127.0.0.1:<free port>`, storage in a fresh temp dir, no auth.
 * Ollama can push/pull models through it with `insecure: true` (model names
 * `127.0.0.1:<port>/library/<model>:<tag>`). Blob downloads are redirected (registry `redirect`
 * middleware) to a small in-process file server on `localhost:<another port>`, because Ollama
 * v0.11.4 only downloads a blob after a redirect to another host. Waits (bounded) until `/v2/`
 * answers.
 */
export async function startRegistry(): Promise<StartedRegistry> {
  const binary = await ensureDebianExecutable('docker-registry', 'docker-registry', 'registry');
  const dir = mkdtempSync(join(tmpdir(), 'samus-registry-'));
  const port = await freePort();
  const host = `127.0.0.1:${port}`;
  const config = join(dir, 'config.yml');
  const blobs = await startBlobFileServer(join(dir, 'data'));
  writeFileSync(
    config,
    [
      'version: 0.1',
      'log:',
      '  level: warn',
      'storage:',
      '  filesystem:',
      `    rootdirectory: ${join(dir, 'data')}`,
      '  delete:',
      '    enabled: true',
      // Blob GETs are redirected to a different host name (localhost vs 127.0.0.1), as Ollama expects.
      'middleware:',
      '  storage:',
      '    - name: redirect',
      '      options:',
      `        baseurl: http://localhost:${blobs.port}`,
      'http:',
      `  addr: ${host}`,
      '',
    ].join('\n'),
  );
  let output = '';
  const child = spawn(binary, ['serve', config], { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.on('data', (c: Buffer) => (output = (output + c.toString()).slice(-8_000)));
  child.stderr.on('data', (c: Buffer) => (output = (output + c.toString()).slice(-8_000)));
  let exited = false;
  const exit = new Promise<void>((resolve) => {
    child.on('exit', () => {
      exited = true;
      resolve();
    });
    child.on('error', () => {
      exited = true;
      resolve();
    });
  });
  let stopped: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopped ??= (async () => {
      if (!exited) {
        child.kill('SIGTERM');
        const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
        await exit;
        clearTimeout(killer);
      }
      await blobs.close();
      rmSync(dir, { recursive: true, force: true });
    })();
    return stopped;
  };
  const baseUrl = `http://${host}`;
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline && !exited) {
    try {
      const response = await fetch(`${baseUrl}/v2/`, { signal: AbortSignal.timeout(1_000) });
      if (response.ok) return { baseUrl, host, stop };
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  await stop();
  throw new ProvisionError('registry', exited ? 'docker-registry exited during start-up' : `docker-registry did not answer within ${START_TIMEOUT_MS / 1000}s`, {
    hint: 'run docker-registry serve by hand to see why',
    logTail: output.trim(),
  });
}
