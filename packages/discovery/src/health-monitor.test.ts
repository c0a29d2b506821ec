import { afterEach, describe, expect, it, vi } from 'vitest';
import { SamusError } from '@samus/kernel';
import { probeGet } from '@samus/provider-core/internal';
import type { DiscoveredServer } from './discovered-server.js';
import { DiscoveryEvents, type DiscoveryEventMap } from './discovery-events.js';
import { HealthMonitor } from './health-monitor.js';
import { startTestServer, type TestServer } from './testing/http-test-server.js';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

function serverAt(url: string): DiscoveredServer {
  return { kind: 'ollama', url, authRequired: false, latencyMs: 0, apis: [], source: 'option', aliases: [] };
}

/** A server whose health answer can be switched; the check is a real HTTP GET. */
async function switchable(): Promise<{ server: TestServer; setUp: (up: boolean) => void; hits: () => number }> {
  let up = true;
  let hits = 0;
  const server = await startTestServer((_req, res) => {
    hits += 1;
    res.writeHead(up ? 200 : 503);
    res.end(up ? 'Ollama is running' : 'down');
  });
  cleanups.push(() => server.close());
  return { server, setUp: (value) => (up = value), hits: () => hits };
}

async function httpCheck(server: DiscoveredServer, signal: AbortSignal): Promise<void> {
  const result = await probeGet(`${server.url}/`, signal);
  if (result.status !== 200) throw new SamusError('SAMUS_ERR_SERVER_ERROR', `HTTP ${result.status}`);
}

describe('HealthMonitor', () => {
  it('opens the breaker after N failed checks, emits state changes, and lets the server rejoin when it recovers', async () => {
    const target = await switchable();
    const events = new DiscoveryEvents();
    const seen: DiscoveryEventMap['server:state'][] = [];
    events.on('server:state', (e) => seen.push(e));
    const monitor = new HealthMonitor({
      check: httpCheck,
      events,
      intervalMs: 20,
      backoffMs: 10,
      maxBackoffMs: 40,
      breaker: { failureThreshold: 2, cooldownMs: 30, maxCooldownMs: 60 },
    });
    cleanups.push(() => monitor.stop());
    const url = target.server.url;
    monitor.add(serverAt(url));
    monitor.start();
    await vi.waitFor(() => expect(monitor.state(url)).toBe('healthy'), { timeout: 2_000, interval: 5 });

    target.setUp(false);
    await vi.waitFor(() => expect(monitor.state(url)).toBe('unhealthy'), { timeout: 2_000, interval: 5 });
    expect(monitor.isAvailable(url)).toBe(false);
    const snapshot = monitor.snapshot()[0]!;
    expect(snapshot.breaker).not.toBe('closed');
    expect(snapshot.lastError?.code).toBe('SAMUS_ERR_SERVER_ERROR');

    target.setUp(true);
    await vi.waitFor(() => expect(monitor.state(url)).toBe('healthy'), { timeout: 2_000, interval: 5 });
    expect(monitor.isAvailable(url)).toBe(true);
    const transitions = seen.map((e) => `${e.from}->${e.to}`);
    expect(transitions[0]).toBe('unknown->healthy');
    expect(transitions).toContain('healthy->degraded');
    expect(transitions).toContain('degraded->unhealthy');
    expect(transitions[transitions.length - 1]).toMatch(/->healthy$/);
    expect(seen.find((e) => e.to === 'unhealthy')?.error?.code).toBe('SAMUS_ERR_SERVER_ERROR');
  });

  it('counts request failures reported by the pool, and probes when the cooldown ends', async () => {
    const target = await switchable();
    const monitor = new HealthMonitor({ check: httpCheck, intervalMs: 60_000, breaker: { failureThreshold: 2, cooldownMs: 250 } });
    cleanups.push(() => monitor.stop());
    const url = target.server.url;
    monitor.add(serverAt(url), 'healthy');
    monitor.start();
    monitor.reportFailure(url, new SamusError('SAMUS_ERR_SERVER_NOT_RUNNING', 'refused'));
    expect(monitor.isAvailable(url)).toBe(true);
    expect(monitor.state(url)).toBe('degraded');
    monitor.reportFailure(url, new Error('socket hang up'));
    expect(monitor.isAvailable(url)).toBe(false);
    expect(monitor.state(url)).toBe('unhealthy');
    expect(monitor.snapshot()[0]!.lastError?.code).toBe('SAMUS_ERR_SERVER_NOT_RUNNING');
    // The server answers fine: the probe scheduled for the end of the cooldown closes the breaker.
    await vi.waitFor(() => expect(monitor.isAvailable(url)).toBe(true), { timeout: 2_000, interval: 5 });
    expect(target.hits()).toBeGreaterThanOrEqual(1);
  });

  it('stops checking after stop() (timers do not keep running)', async () => {
    const target = await switchable();
    const monitor = new HealthMonitor({ check: httpCheck, intervalMs: 5 });
    monitor.add(serverAt(target.server.url));
    monitor.start();
    await vi.waitFor(() => expect(target.hits()).toBeGreaterThanOrEqual(2), { timeout: 2_000, interval: 5 });
    monitor.stop();
    await new Promise((resolve) => setTimeout(resolve, 30));
    const after = target.hits();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(target.hits()).toBe(after);
  });

  it('treats a server it does not know as unavailable', () => {
    const monitor = new HealthMonitor({ check: httpCheck });
    expect(monitor.isAvailable('http://127.0.0.1:1')).toBe(false);
    expect(monitor.state('http://127.0.0.1:1')).toBe('unknown');
  });

  it('reports the half-open trial as recovering for as long as the probe runs (issue 11, item 9)', async () => {
    let now = 1_000;
    let answer: ((up: boolean) => void) | undefined;
    const events = new DiscoveryEvents();
    const seen: string[] = [];
    events.on('server:state', (e) => seen.push(`${e.from}->${e.to}`));
    // The check waits until the test answers it, so "while the probe runs" is a state, not a time.
    const health = new HealthMonitor({
      events,
      breaker: { failureThreshold: 1, cooldownMs: 100, now: () => now },
      check: () => new Promise<void>((resolve, reject) => (answer = (up) => (up ? resolve() : reject(new SamusError('SAMUS_ERR_SERVER_ERROR', 'down'))))),
    });
    const url = 'http://127.0.0.1:1';
    health.add(serverAt(url), 'healthy');
    health.reportFailure(url, new SamusError('SAMUS_ERR_SERVER_NOT_RUNNING', 'refused'));
    expect(health.state(url)).toBe('unhealthy');
    now += 100; // cooldown over
    const trial = health.checkNow(url);
    expect(seen).toEqual(['healthy->unhealthy', 'unhealthy->recovering']);
    expect(health.snapshot()[0]).toMatchObject({ state: 'recovering', breaker: 'half-open' });
    expect(health.isAvailable(url)).toBe(false);
    now += 5_000; // however long the probe takes, the breaker stays half-open until it answers
    expect(health.state(url)).toBe('recovering');
    answer!(false);
    await trial;
    expect(health.state(url)).toBe('unhealthy');
    now += 200; // doubled cooldown
    const second = health.checkNow(url);
    expect(health.state(url)).toBe('recovering');
    answer!(true);
    await second;
    expect(health.state(url)).toBe('healthy');
    expect(seen).toEqual(['healthy->unhealthy', 'unhealthy->recovering', 'recovering->unhealthy', 'unhealthy->recovering', 'recovering->healthy']);
  });
});
