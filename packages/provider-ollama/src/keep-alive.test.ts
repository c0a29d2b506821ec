import { describe, expect, it } from 'vitest';
import { validateKeepAlive } from './keep-alive.js';

describe('validateKeepAlive', () => {
  it('should accept Go durations, "0" and numbers of seconds', () => {
    for (const value of ['5m', '1h30m', '0', '30s', '1.5h', '-1h', '500ms']) expect(validateKeepAlive(value)).toBe(value);
    expect(validateKeepAlive(-1)).toBe(-1);
    expect(validateKeepAlive(300)).toBe(300);
  });

  it('should refuse a duration without unit ("10") with SAMUS_ERR_INVALID_CONFIG and a hint', () => {
    expect(() => validateKeepAlive('10')).toThrow(expect.objectContaining({ code: 'SAMUS_ERR_INVALID_CONFIG', hint: expect.stringContaining('"5m"') }));
  });

  it('should refuse garbage, and say SAMUS_ERR_INVALID_REQUEST for a per-request value', () => {
    for (const value of ['forever', '', '5 minutes', true, null, Number.NaN]) {
      expect(() => validateKeepAlive(value, 'request'), String(value)).toThrow(expect.objectContaining({ code: 'SAMUS_ERR_INVALID_REQUEST' }));
    }
  });
});
