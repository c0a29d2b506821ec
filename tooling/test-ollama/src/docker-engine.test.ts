import { describe, expect, it } from 'vitest';
import { ensureDockerEngine, probeDockerEngine } from './docker-engine.js';
import { ProvisionError } from './provision-error.js';

const deadSocket = { ...process.env, DOCKER_HOST: 'unix:///nonexistent/samus-test-docker.sock' };

describe('ensureDockerEngine', () => {
  it('reports an engine that does not answer as unavailable, naming DOCKER_HOST and a fix', async () => {
    const error = await ensureDockerEngine(deadSocket).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProvisionError);
    const provision = error as ProvisionError;
    expect(provision.step).toBe('docker-engine');
    expect(provision.engineUnavailable).toBe(true);
    expect(provision.message).toContain('DOCKER_HOST=unix:///nonexistent/samus-test-docker.sock does not answer');
    expect(provision.hint).toMatch(/unset DOCKER_HOST/);
  });

  it('reports a missing docker CLI without throwing from the probe', async () => {
    const probe = await probeDockerEngine({ PATH: '/nonexistent' , DOCKER_HOST: deadSocket.DOCKER_HOST });
    // The CLI may still be found in the usual system dirs; either way the dead socket cannot answer.
    expect(probe).toEqual({ error: expect.any(String) });
  });
});
