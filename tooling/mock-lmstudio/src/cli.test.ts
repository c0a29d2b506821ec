import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseCliArgs, runCli } from './cli';

const binPath = fileURLToPath(new URL('../bin/mock-lmstudio.mjs', import.meta.url));
const distBuilt = existsSync(fileURLToPath(new URL('../dist/cli.mjs', import.meta.url)));

function collect() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (line: string) => out.push(line), err: (line: string) => err.push(line) } };
}

describe('mock-lmstudio CLI', () => {
  it('parses the documented flags (space and = forms)', () => {
    expect(parseCliArgs(['--port', '4321', '--jit', 'off', '--token', 'T', '--load-delay-ms=250', '--version', '0.3.20', '--error-shape', 'string', '--cors'])).toMatchObject({
      port: 4321,
      jit: false,
      apiToken: 'T',
      loadDelayMs: 250,
      version: '0.3.20',
      errorShape: 'string',
      cors: true,
    });
    expect(parseCliArgs([])).toMatchObject({ port: 1234, loadDelayMs: 1500, tokenDelayMs: 25, recordRequests: false });
    expect(parseCliArgs(['--help'])).toBeUndefined();
  });

  it('rejects bad flags with a readable message', () => {
    expect(() => parseCliArgs(['--jit', 'maybe'])).toThrow('--jit takes "on" or "off"');
    expect(() => parseCliArgs(['--port', 'x'])).toThrow('--port needs a non-negative number');
    expect(() => parseCliArgs(['--frobnicate'])).toThrow('unknown option "--frobnicate"');
  });

  it('runCli starts a server, prints its URL, and stops', async () => {
    const { out, io } = collect();
    const result = await runCli(['--port', '0', '--load-delay-ms', '0', '--token-delay-ms', '0'], io);
    expect(result.status).toBe(0);
    const url = /listening on (http:\/\/\S+) /.exec(out[0] ?? '')?.[1];
    expect(url).toBeDefined();
    expect(await (await fetch(`${url}/lmstudio-greeting`)).json()).toEqual({ lmstudio: true });
    await result.stop?.();
  });

  it('runCli reports bad arguments (status 2) and a taken port with a hint (status 1)', async () => {
    const bad = collect();
    expect((await runCli(['--jit'], bad.io)).status).toBe(2);
    expect(bad.err[0]).toContain('--jit takes "on" or "off"');
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const taken = collect();
      expect((await runCli(['--port', String(port)], taken.io)).status).toBe(1);
      expect(taken.err[0]).toContain(`Port ${port} is taken`);
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });

  it.skipIf(!distBuilt)('bin/mock-lmstudio.mjs runs the built CLI (skipped when dist/ is not built: run the package build first)', async () => {
    const child = spawn(process.execPath, [binPath, '--port', '0', '--token-delay-ms', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let text = '';
        const timer = setTimeout(() => reject(new Error(`no URL printed: ${text}`)), 10_000);
        child.stdout.on('data', (data: Buffer) => {
          text += data.toString();
          const match = /listening on (http:\/\/\S+) /.exec(text);
          if (match?.[1]) {
            clearTimeout(timer);
            resolve(match[1]);
          }
        });
        child.once('exit', (code) => reject(new Error(`exited early with ${code}: ${text}`)));
      });
      expect(await (await fetch(`${url}/v1/models`)).json()).toMatchObject({ object: 'list' });
    } finally {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
  });
});
