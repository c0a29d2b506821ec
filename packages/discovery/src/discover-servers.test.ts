import { afterEach, describe, expect, it } from 'vitest';
import { createKernel } from '@samus/kernel';
import { openaiPlugin } from '@samus/provider-core';
import { lmStudioPlugin } from '@samus/provider-lmstudio';
import { ollamaPlugin } from '@samus/provider-ollama';
import { discoverServers as discoverWith, probeAll as probeAllWith, type DiscoverOptions } from './discover-servers.js';
import { closedPort, lmStudioLikeHandler, ollamaLikeHandler, openAILikeHandler, startTestServer, type TestServer } from './testing/http-test-server.js';

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

const kernel = createKernel({ env: {} }).register(ollamaPlugin).register(lmStudioPlugin).register(openaiPlugin);
const probeAll = (options: Omit<DiscoverOptions, 'kernel'>) => probeAllWith({ kernel, ...options });
const discoverServers = (options: Omit<DiscoverOptions, 'kernel'>) => discoverWith({ kernel, ...options });

async function start(handler: Parameters<typeof startTestServer>[0], host?: string): Promise<TestServer> {
  const server = await startTestServer(handler, host);
  servers.push(server);
  return server;
}

async function ipv6Available(): Promise<boolean> {
  try {
    const probe = await startTestServer((_q, r) => r.end(), '::1');
    await probe.close();
    return true;
  } catch {
    return false;
  }
}

describe('discoverServers', () => {
  it('finds nothing, quickly and without throwing, when nothing listens', async () => {
    const ports = [await closedPort(), await closedPort()];
    const report = await probeAll({ env: {}, ports });
    expect(report.servers).toEqual([]);
    expect(report.outcomes).toHaveLength(4);
    expect(report.outcomes.every((o) => !o.found && o.reason === 'refused')).toBe(true);
  });

  it('finds servers of all three kinds from env, hosts and ports, in parallel', async () => {
    const ollama = await start(ollamaLikeHandler());
    const lmstudio = await start(lmStudioLikeHandler());
    const openai = await start(openAILikeHandler());
    const found = await discoverServers({
      env: { OLLAMA_HOST: `127.0.0.1:${ollama.port}`, OPENAI_BASE_URL: `${openai.url}/v1` },
      hosts: [lmstudio.url],
      ports: [],
    });
    expect(found.map((s) => [s.kind, s.url, s.source]).sort()).toEqual(
      [
        ['lm-studio', lmstudio.url, 'option'],
        ['ollama', ollama.url, 'env:OLLAMA_HOST'],
        ['openai', openai.url, 'env:OPENAI_BASE_URL'],
      ].sort(),
    );
  });

  it('returns within about the probe timeout when a configured host is black-holed', async () => {
    const hole = await start(() => undefined);
    const report = await probeAll({ env: {}, hosts: [hole.url], ports: [], timeoutMs: 150 });
    expect(report.servers).toEqual([]);
    expect(report.outcomes[0]).toMatchObject({ found: false, reason: 'timeout' });
  });

  it('reports a dual-stack listener once, with the ::1 address as an alias', async (context) => {
    if (!(await ipv6Available())) context.skip('IPv6 loopback (::1) is not available on this machine');
    const v4 = await start(ollamaLikeHandler(), '127.0.0.1');
    // The same port on ::1: what a dual-stack listener looks like from outside.
    const v6 = await startTestServer(ollamaLikeHandler(), '::1', v4.port).catch(() => undefined);
    if (!v6) context.skip(`port ${v4.port} is taken on ::1`);
    servers.push(v6!);
    const found = await discoverServers({ env: {}, ports: [v4.port] });
    expect(found).toHaveLength(1);
    expect(found[0]!.url).toBe(v4.url);
    expect(found[0]!.aliases).toEqual([`http://[::1]:${v4.port}`]);
  });
});
