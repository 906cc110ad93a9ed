// Authenticated calls to the contract-based API: bearer token (taken once the request holds its place in the
// limiter), a fresh token after a 401, failures classified into AppErrors, quick retries of transient trouble, and
// 202 actions polled until done. Every wait ends when the sync cycle's time runs out (the cycle signal).
import type { Clock } from '../clock.js';
import { AppError } from '../errors.js';
import type { Logger } from '../log/logger.js';
import type { TokenManager } from './auth.js';
import { classifyResponse, serverWords } from './classify.js';
import { cycleTimeUp } from './cycle-time.js';
import type { AcumaticaHttp, RawResponse } from './http.js';
import { withRetries } from './retry.js';
import { createSessionLock } from './session-lock.js';

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

/** A 401 right after a freshly issued token: the server does not take this user's tokens (rights, licence). */
export function tokenNotAccepted(serverMessage: string | undefined): AppError {
  return new AppError(
    'transient',
    'Acumatica did not accept a freshly issued sign-in token (401 twice); the app tries again later. If this keeps happening, check in Acumatica that the user\'s role has access to the web service API and that the Connected Application is active.',
    { status: 401, ...(serverMessage ? { serverMessage } : {}) },
  );
}

export function createApi(deps: {
  http: AcumaticaHttp;
  tokens: TokenManager;
  clock: Clock;
  random: () => number;
  logger: Logger;
  /** The running cycle's signal: aborts when its time is up (undefined outside a cycle). */
  cycleSignal?: () => AbortSignal | undefined;
}): Api {
  const { http, tokens, clock, logger } = deps;
  const signalOf = (req: { signal?: AbortSignal }): AbortSignal | undefined => req.signal ?? deps.cycleSignal?.();

  async function once(req: ApiRequest, signal: AbortSignal | undefined): Promise<RawResponse> {
    let sentWith = '';
    let fresh = false;
    for (let attempt = 0; ; attempt++) {
      const res = await http.send({
        method: req.method,
        url: `${http.instanceUrl}${req.path}`,
        headers: { ...req.headers },
        authorize: async () => {
          const t = await tokens.accessToken(signal);
          fresh = t !== sentWith && tokens.isFresh(t);
          sentWith = t;
          return { Authorization: `Bearer ${t}` };
        },
        data: req.body,
        ...(signal ? { signal } : {}),
      });
      if (res.status === 401) {
        tokens.invalidate(sentWith);
        // A token that may have lapsed on the way gets one more try with a new one; a 401 to a token issued a
        // moment ago is the server not accepting this user's tokens: not a wrong password (#14 item 16).
        if (attempt === 0 || (!fresh && attempt < 3)) continue;
        logger.debug('acumatica token not accepted', { path: pathOnly(req.path), attempts: attempt + 1 });
        throw tokenNotAccepted(serverWords(res.data));
      }
      if (res.status === 200 || res.status === 204 || req.accept?.includes(res.status)) return res;
      throw classifyResponse(
        { status: res.status, retryAfter: res.headers['retry-after'], data: res.data, method: req.method, path: pathOnly(req.path) },
        clock.now(),
      );
    }
  }

  const session = createSessionLock();
  /**
   * The status address of an action left running when the cycle's time ran out: Acumatica refuses other requests of
   * the session until it ends, so the next call first follows it to its end.
   */
  let unfinished: string | null = null;

  async function settleUnfinished(signal: AbortSignal | undefined): Promise<void> {
    if (!unfinished) return;
    await session.exclusive(async () => {
      if (!unfinished) return;
      logger.debug('acumatica: following an action left running by the last cycle', { status: unfinished });
      try {
        await follow(unfinished, 'the action left running by the last cycle', signal);
      } catch (e) {
        if (signal?.aborted) throw e;
        // Followed until the action timeout or refused: the server has given up on it too; do not block on it.
      }
      unfinished = null;
    }, signal);
  }

  async function call(req: ApiRequest): Promise<RawResponse> {
    const signal = signalOf(req);
    await settleUnfinished(signal);
    return session.shared(() => retried(req, signal), signal);
  }

  function retried(req: ApiRequest, signal: AbortSignal | undefined): Promise<RawResponse> {
    return withRetries(() => once(req, signal), {
      tuning: http.tuning,
      clock,
      random: deps.random,
      idempotent: req.method === 'GET',
      ...(signal ? { signal } : {}),
    });
  }

  /** The action takes the session for itself from its POST to its last poll (session-lock.ts). */
  async function action(path: string, body: unknown): Promise<void> {
    const signal = deps.cycleSignal?.();
    await settleUnfinished(signal);
    return session.exclusive(() => runAction(path, body, signal), signal);
  }

  async function runAction(path: string, body: unknown, signal: AbortSignal | undefined): Promise<void> {
    const res = await retried({ method: 'POST', path, body, accept: [202] }, signal);
    if (res.status !== 202) return;
    const location = res.headers.location;
    if (!location) throw new AppError('business', `Acumatica accepted ${path} but gave no status address to follow.`);
    const statusUrl = new URL(location, `${http.instanceUrl}/`);
    const pollPath = statusUrl.pathname.startsWith(new URL(http.instanceUrl).pathname)
      ? statusUrl.pathname.slice(new URL(http.instanceUrl).pathname.replace(/\/$/, '').length) + statusUrl.search
      : statusUrl.pathname + statusUrl.search;
    try {
      await follow(pollPath, path, signal);
    } catch (e) {
      // Not followed to its end (the cycle's time, a failed poll): the action may still run on the server and hold
      // the session, so the next call follows it first.
      unfinished = pollPath;
      throw e;
    }
  }

  /** Polls an action's status address until it is no longer 202 (bounded by the action timeout and the cycle). */
  async function follow(pollPath: string, what: string, signal: AbortSignal | undefined): Promise<void> {
    const { actionPollMs, actionPollMaxMs, actionTimeoutMs } = http.tuning;
    const started = clock.now();
    const deadline = started + actionTimeoutMs;
    let wait = actionPollMs;
    for (let poll = 1; ; poll++) {
      // The first poll goes at once: short actions are usually done by the time it arrives.
      if (poll > 1) {
        if (clock.now() + wait > deadline) {
          logger.debug('acumatica action poll timed out', { action: what, polls: poll - 1, ms: clock.now() - started });
          throw new AppError('transient', `Acumatica is still running ${what} after ${Math.round(actionTimeoutMs / 1000)} s; the app checks again later.`);
        }
        await clock.sleep(wait, signal);
        wait = Math.min(wait * 2, actionPollMaxMs);
      }
      if (signal?.aborted) {
        logger.debug('acumatica action poll stopped: cycle time up', { action: what, polls: poll - 1, ms: clock.now() - started });
        throw cycleTimeUp(`while Acumatica was still running ${what} (${Math.round((clock.now() - started) / 1000)} s so far)`);
      }
      let answer: RawResponse;
      try {
        answer = await retried({ method: 'GET', path: pollPath, accept: [202] }, signal);
      } catch (e) {
        // The server no longer knows the action (it finished and was forgotten): nothing holds the session.
        if (e instanceof AppError && e.status === 404 && what.startsWith('the action left')) return;
        throw e;
      }
      logger.debug('acumatica action poll', { action: what, poll, status: answer.status, ms: clock.now() - started });
      if (answer.status !== 202) return;
    }
  }

  return { call, action };
}

function pathOnly(path: string): string {
  return path.split('?')[0] ?? path;
}
