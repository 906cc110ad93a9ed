import { describe, expect, it } from 'vitest';
import { backoffDelay, parseRetryAfter } from '../../../main/core/policy/backoff.js';

describe('backoff', () => {
  it('grows exponentially with jitter between half and the full step, capped', () => {
    const policy = { baseMs: 1000, maxMs: 60_000 };
    expect(backoffDelay(1, 0, undefined, policy)).toBe(500);
    expect(backoffDelay(1, 0.999, undefined, policy)).toBe(1000);
    expect(backoffDelay(3, 0, undefined, policy)).toBe(2000);
    expect(backoffDelay(20, 1, undefined, policy)).toBe(60_000);
  });

  it('never waits less than the server asked for', () => {
    expect(backoffDelay(1, 0, 30_000, { baseMs: 1000, maxMs: 60_000 })).toBe(30_000);
    expect(backoffDelay(10, 1, 1000, { baseMs: 1000, maxMs: 60_000 })).toBe(60_000);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('2026-11-27T10:00:00Z');
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter('Fri, 27 Nov 2026 10:01:00 GMT', now)).toBe(60_000);
    expect(parseRetryAfter('garbage', now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });
});
