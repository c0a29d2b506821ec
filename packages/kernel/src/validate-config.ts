/** One problem found in a configuration: the field's path and what is wrong (never its value). */
export interface ConfigIssue {
  path: string;
  message: string;
}

const MAX_TIMEOUT_MS = 86_400_000;
const REQUEST_MODEL_MODES = ['auto', 'configured', 'request'];
const TIMEOUT_FIELDS = ['connectMs', 'firstByteMs', 'idleMs', 'totalMs'] as const;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkModel(issues: ConfigIssue[], path: string, value: unknown, optional: boolean): void {
  if (value === undefined && optional) return;
  if (typeof value !== 'string') {
    issues.push({ path, message: 'must be a string' });
    return;
  }
  const trimmed = value.trim();
  if (trimmed === '') issues.push({ path, message: 'must not be empty' });
  else if (trimmed.length > 512) issues.push({ path, message: 'must be at most 512 characters' });
}

/** The problems of the timeouts: each a whole number of milliseconds from 0 (off) to 24 h. */
export function timeoutIssues(timeouts: unknown, path = 'timeouts'): ConfigIssue[] {
  if (!isRecord(timeouts)) return [{ path, message: 'must be an object' }];
  const issues: ConfigIssue[] = [];
  for (const field of TIMEOUT_FIELDS) {
    const value = timeouts[field];
    if (typeof value !== 'number' || !Number.isInteger(value)) issues.push({ path: `${path}.${field}`, message: 'must be a whole number of milliseconds' });
    else if (value < 0 || value > MAX_TIMEOUT_MS) issues.push({ path: `${path}.${field}`, message: `must be from 0 to ${MAX_TIMEOUT_MS}` });
  }
  return issues;
}

/** The problems of an API key: a non-empty string when set. */
export function apiKeyIssues(apiKey: unknown): ConfigIssue[] {
  if (apiKey === undefined) return [];
  if (typeof apiKey !== 'string') return [{ path: 'apiKey', message: 'must be a string' }];
  return apiKey === '' ? [{ path: 'apiKey', message: 'must not be empty' }] : [];
}

/**
 * Checks a resolved generator configuration, field by field, without a schema library (importing the kernel costs
 * no schema construction): every problem with its path, none with a value.
 */
export function configIssues(config: Record<string, unknown>): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  if (typeof config['authType'] !== 'string' || config['authType'] === '') issues.push({ path: 'authType', message: 'must not be empty' });
  checkModel(issues, 'model', config['model'], false);
  checkModel(issues, 'utilityModel', config['utilityModel'], true);
  if (!REQUEST_MODEL_MODES.includes(config['requestModel'] as string)) issues.push({ path: 'requestModel', message: 'must be "auto", "configured" or "request"' });
  if (config['baseUrl'] !== undefined && typeof config['baseUrl'] !== 'string') issues.push({ path: 'baseUrl', message: 'must be a string' });
  issues.push(...apiKeyIssues(config['apiKey']));
  issues.push(...timeoutIssues(config['timeouts']));
  const retries = config['maxRetries'];
  if (typeof retries !== 'number' || !Number.isInteger(retries) || retries < 0 || retries > 10) issues.push({ path: 'maxRetries', message: 'must be a whole number from 0 to 10' });
  const headers = config['headers'];
  if (!isRecord(headers)) issues.push({ path: 'headers', message: 'must be an object of strings' });
  else for (const [name, value] of Object.entries(headers)) if (typeof value !== 'string') issues.push({ path: `headers.${name}`, message: 'must be a string' });
  if (!isRecord(config['providerOptions'])) issues.push({ path: 'providerOptions', message: 'must be an object' });
  return issues;
}
