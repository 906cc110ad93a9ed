// Exponential backoff with full jitter, as a pure function. A server's Retry-After always wins when it is later.

export interface BackoffPolicy {
  baseMs: number;
  maxMs: number;
}

export const defaultBackoff: BackoffPolicy = { baseMs: 2_000, maxMs: 15 * 60_000 };

/**
 * Delay before attempt number `attempt` (1 = first retry). `random` is in [0,1) and is a parameter so the result is
 * reproducible in tests. `retryAfterMs` comes from the server (Retry-After) and is a floor, never shortened.
 */
export function backoffDelay(
  attempt: number,
  random: number,
  retryAfterMs: number | undefined = undefined,
  policy: BackoffPolicy = defaultBackoff,
): number {
  const exp = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempt - 1));
  // Half fixed, half jitter: never hammers, never waits much less than the exponential step.
  const jittered = Math.round(exp / 2 + (exp / 2) * random);
  return Math.max(jittered, retryAfterMs ?? 0);
}

/** Parses an HTTP Retry-After header (seconds or HTTP date) into milliseconds from `now`. */
export function parseRetryAfter(header: string | undefined | null, now: number): number | undefined {
  if (!header) return undefined;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}
