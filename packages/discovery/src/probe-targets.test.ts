import { describe, expect, it } from 'vitest';
import { SamusError } from '@samus/kernel';
import { resolveProbeTargets } from './probe-targets.js';

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
