import { describe, expect, it } from 'vitest';
import { parseLMStudioProviderOptions } from './lm-studio-provider-options.js';

describe('parseLMStudioProviderOptions', () => {
  it('should keep valid options and ignore unrelated keys', () => {
    expect(
      parseLMStudioProviderOptions({ ttl: 300, draftModel: 'd', jitLoadTimeoutMs: 0, modelStateProbe: 'never', nativeStats: false, extraBody: {} }),
    ).toEqual({ ttl: 300, draftModel: 'd', jitLoadTimeoutMs: 0, modelStateProbe: 'never', nativeStats: false });
    expect(parseLMStudioProviderOptions({})).toEqual({});
  });

  it.each([
    [{ ttl: 0 }, 'providerOptions.ttl'],
    [{ ttl: '60' }, 'providerOptions.ttl'],
    [{ draftModel: '' }, 'providerOptions.draftModel'],
    [{ jitLoadTimeoutMs: 1.5 }, 'providerOptions.jitLoadTimeoutMs'],
    [{ modelStateProbe: 'sometimes' }, 'providerOptions.modelStateProbe'],
    [{ nativeStats: 'yes' }, 'providerOptions.nativeStats'],
  ])('should reject %j with SAMUS_ERR_INVALID_CONFIG naming the field', (options, field) => {
    expect(() => parseLMStudioProviderOptions(options)).toThrow(expect.objectContaining({ code: 'SAMUS_ERR_INVALID_CONFIG', details: { field } }));
  });

  it('should name the request, with SAMUS_ERR_INVALID_REQUEST, for a bad per-request value', () => {
    expect(() => parseLMStudioProviderOptions({ ttl: -1 }, 'request')).toThrow(
      expect.objectContaining({ code: 'SAMUS_ERR_INVALID_REQUEST', details: { field: 'config.providerOptions.ttl' } }),
    );
  });
});
