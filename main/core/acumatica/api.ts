// Authenticated calls to the contract-based API: bearer token, one retry after a 401 with a fresh token, failures
// classified into AppErrors, quick retries of transient trouble, and 202 actions polled until done.
import type { Clock } from '../clock.js';
import { AppError } from '../errors.js';
import type { TokenManager } from './auth.js';
import { classifyResponse } from './classify.js';
import type { AcumaticaHttp, RawResponse } from './http.js';
import { withRetries } from './retry.js';

export interface ApiRequest {
  method: 'GET' | 'POST' | 'PUT';
  /** Path below the instance URL, with its query string. */
  path: string;
  body?: unknown;
  headers?: Record<string, string>;
  /** Statuses that count as success besides 200/204 (e.g. 202 for actions). */
  accept?: number[];
  signal?: AbortSignal;
}

export interface Api {
  call(req: ApiRequest): Promise<RawResponse>;
  /** POST an action; on 202 poll its Location until 204. */
  action(path: string, body: unknown): Promise<void>;
}

export function createApi(deps: { http: AcumaticaHttp; tokens: TokenManager; clock: Clock; random: () => number }): Api {
  const { http, tokens, clock } = deps;

  async function once(req: ApiRequest): Promise<RawResponse> {
    for (let attempt = 0; ; attempt++) {
      const token = await tokens.accessToken(req.signal);
      const res = await http.send({
        method: req.method,
        url: `${http.instanceUrl}${req.path}`,
        headers: { ...req.headers, Authorization: `Bearer ${token}` },
        data: req.body,
        ...(req.signal ? { signal: req.signal } : {}),
      });
      if (res.status === 401 && attempt === 0) {
        tokens.invalidate(token);
        continue;
      }
      if (res.status === 200 || res.status === 204 || req.accept?.includes(res.status)) return res;
      throw classifyResponse(
        { status: res.status, retryAfter: res.headers['retry-after'], data: res.data, method: req.method, path: req.path.split('?')[0] ?? req.path },
        clock.now(),
      );
    }
  }

  async function call(req: ApiRequest): Promise<RawResponse> {
    return withRetries(() => once(req), {
      tuning: http.tuning,
      clock,
      random: deps.random,
      idempotent: req.method === 'GET',
      ...(req.signal ? { signal: req.signal } : {}),
    });
  }

  async function action(path: string, body: unknown): Promise<void> {
    const res = await call({ method: 'POST', path, body, accept: [202] });
    if (res.status !== 202) return;
    const location = res.headers.location;
    if (!location) throw new AppError('business', `Acumatica accepted ${path} but gave no status address to follow.`);
    const statusUrl = new URL(location, `${http.instanceUrl}/`);
    const pollPath = statusUrl.pathname.startsWith(new URL(http.instanceUrl).pathname)
      ? statusUrl.pathname.slice(new URL(http.instanceUrl).pathname.replace(/\/$/, '').length) + statusUrl.search
      : statusUrl.pathname + statusUrl.search;
    const deadline = clock.now() + http.tuning.actionTimeoutMs;
    let wait = http.tuning.actionPollMs;
    for (let first = true; ; first = false) {
      // The first poll goes at once: short actions are usually done by the time it arrives.
      if (!first) {
        if (clock.now() + wait > deadline) {
          throw new AppError('transient', `Acumatica is still running ${path} after ${Math.round(http.tuning.actionTimeoutMs / 1000)} s; the app checks again later.`);
        }
        await clock.sleep(wait);
        wait = Math.min(wait * 2, 5_000);
      }
      const poll = await call({ method: 'GET', path: pollPath, accept: [202] });
      if (poll.status !== 202) return;
    }
  }

  return { call, action };
}
