import { describe, expect, it } from 'vitest';
import { ProvisionError } from './provision-error.js';

describe('ProvisionError', () => {
  it('names the step, the hint, the log and its tail in the message', () => {
    const error = new ProvisionError('ollama-binary', 'go build failed: go build exited with code 1', {
      hint: 'read the build log',
      logFile: '/cache/ollama/build.log',
      logTail: 'undefined: foo',
    });
    expect(error.message).toBe(
      '[ollama-binary] go build failed: go build exited with code 1\nhint: read the build log\nlog: /cache/ollama/build.log\n--- log tail ---\nundefined: foo',
    );
    expect(error).toMatchObject({ name: 'ProvisionError', step: 'ollama-binary', engineUnavailable: false });
  });

  it('marks engine-unavailable failures and keeps the cause', () => {
    const cause = new Error('socket');
    const error = new ProvisionError('docker-engine', 'no Docker engine', { hint: 'install docker.io', engineUnavailable: true, cause });
    expect(error.engineUnavailable).toBe(true);
    expect(error.cause).toBe(cause);
  });
});
