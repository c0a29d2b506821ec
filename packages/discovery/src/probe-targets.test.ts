import { describe, expect, it } from 'vitest';
import { SamusError } from '@samus/kernel';
import { createKernel } from '@samus/kernel';
import { openaiPlugin } from '@samus/provider-core';
import { lmStudioPlugin } from '@samus/provider-lmstudio';
import { ollamaPlugin } from '@samus/provider-ollama';
import { defaultProbePorts, resolveProbeTargets as resolveWith, type ProbeTargetOptions } from './probe-targets.js';

// Where to look comes from the plugins' config specs (their base-URL variables and default ports).
const plugins = createKernel({ env: {} }).register(ollamaPlugin).register(lmStudioPlugin).register(openaiPlugin).plugins();
const resolveProbeTargets = (options: ProbeTargetOptions) => resolveWith({ plugins, ...options });

describe('resolveProbeTargets', () => {
  it('probes the default ports on 127.0.0.1 and ::1 and nothing else by default', () => {
    expect(resolveProbeTargets({ env: {} }).map((t) => t.url)).toEqual([
      'http://127.0.0.1:11434',
      'http://[::1]:11434',
      'http://127.0.0.1:1234',
      'http://[::1]:1234',
    ]);
  });

  it('adds configured hosts from the injected env, in all OLLAMA_HOST forms, without touching process.env', () => {
    const before = { ...process.env };
    const env = { OLLAMA_HOST: '0.0.0.0:7000', LM_STUDIO_BASE_URL: 'http://localhost:7001/v1', OPENAI_BASE_URL: 'http://gpu-box.internal:8000/v1' };
    const targets = resolveProbeTargets({ env, ports: [] });
    expect(targets).toEqual([
      { url: 'http://127.0.0.1:7000', source: 'env:OLLAMA_HOST', expectedKind: 'ollama' },
      { url: 'http://127.0.0.1:7001', source: 'env:LM_STUDIO_BASE_URL', expectedKind: 'lm-studio' },
      { url: 'http://[::1]:7001', source: 'env:LM_STUDIO_BASE_URL', expectedKind: 'lm-studio' },
      { url: 'http://gpu-box.internal:8000', source: 'env:OPENAI_BASE_URL', expectedKind: 'openai' },
    ]);
    expect(process.env).toEqual(before);
  });

  it('deduplicates a configured address that is also a default one, keeping the configured source', () => {
    const targets = resolveProbeTargets({ env: { OLLAMA_BASE_URL: 'http://127.0.0.1:11434' }, hosts: ['[::1]:1234'] });
    expect(targets.filter((t) => t.url === 'http://127.0.0.1:11434')).toEqual([{ url: 'http://127.0.0.1:11434', source: 'env:OLLAMA_BASE_URL', expectedKind: 'ollama' }]);
    expect(targets.find((t) => t.url === 'http://[::1]:1234')?.source).toBe('option');
    expect(targets).toHaveLength(4);
  });

  it('takes the default ports and variables from the registered plugins only', () => {
    expect(defaultProbePorts(plugins)).toEqual([11434, 1234]);
    expect(resolveWith({ env: { OLLAMA_HOST: 'gpu-box' } })).toEqual([]);
    const custom = [{ id: 'acme', specificationVersion: 'v2' as const, authTypes: ['acme'], configSpecs: { acme: { baseUrlEnv: ['ACME_URL'], defaultBaseUrl: 'http://localhost:7777' } } }];
    expect(resolveWith({ plugins: custom, env: { ACME_URL: 'box:1', OLLAMA_HOST: 'gpu-box' } }).map((t) => [t.url, t.source, t.expectedKind])).toEqual([
      ['http://box:1', 'env:ACME_URL', 'acme'],
      ['http://127.0.0.1:7777', 'default', 'acme'],
      ['http://[::1]:7777', 'default', 'acme'],
    ]);
  });

  it('rejects an unusable configured address with a coded error naming the variable', () => {
    let error: unknown;
    try {
      resolveProbeTargets({ env: { OLLAMA_HOST: 'ftp://x' } });
    } catch (caught) {
      error = caught;
    }
    expect(SamusError.is(error, 'SAMUS_ERR_INVALID_CONFIG')).toBe(true);
    expect((error as SamusError).message).toContain('OLLAMA_HOST');
  });
});
