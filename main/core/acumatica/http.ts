// One HTTP exchange with the instance: axios with strict TLS, size and time limits, the client-side limiter and a
// request counter. Any status comes back as a response; only failures without a status throw (classified).
import axios from 'axios';
import type { Clock } from '../clock.js';
import type { Logger } from '../log/logger.js';
import { classifyNetworkError } from './classify.js';
import { cycleTimeUp } from './cycle-time.js';
import { createLimiter } from './limiter.js';
import { createAgents } from './tls.js';

export interface HttpTuning {
  /** Per-request time limit. */
  timeoutMs: number;
  /** Largest response accepted (a page of 500 orders with lines is a few MB). */
  maxContentLength: number;
  /** Quick retries of a transient failure inside one call, before the engine's own backoff takes over. */
  inlineRetries: number;
  retryBaseMs: number;
  retryMaxMs: number;
  /** A Retry-After longer than this is not waited for inside the call: the error goes to the engine. */
  maxInlineWaitMs: number;
  /** Polling of 202 actions: the first wait, the longest wait (each wait doubles up to it), and the give-up time. */
  actionPollMs: number;
  actionPollMaxMs: number;
  actionTimeoutMs: number;
}

export const defaultTuning: HttpTuning = {
  timeoutMs: 60_000,
  maxContentLength: 100 * 1024 * 1024,
  inlineRetries: 3,
  retryBaseMs: 500,
  retryMaxMs: 8_000,
  maxInlineWaitMs: 30_000,
  actionPollMs: 500,
  actionPollMaxMs: 5_000,
  actionTimeoutMs: 2 * 60_000,
};

export interface RawRequest {
  method: 'GET' | 'POST' | 'PUT';
  /** Absolute URL. */
  url: string;
  headers?: Record<string, string>;
  /** JSON body, or a string sent as is (form bodies). */
  data?: unknown;
  signal?: AbortSignal;
  /**
   * Headers added once the request holds its place in the limiter (the bearer token): a token taken before waiting
   * in the queue can expire there (issue #18: 2-second tokens, a request queued for a minute behind the per-minute
   * limit, then sent with a dead token).
   */
  authorize?: () => Promise<Record<string, string>>;
  /**
   * Sign-in and sign-out go past the limiter: a request holding the only slot may be the one waiting for a token,
   * and the token service is not the contract API the licence's request limits count. [I]
   */
  unthrottled?: boolean;
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | undefined>;
  data: unknown;
}

export interface AcumaticaHttp {
  readonly instanceUrl: string;
  readonly host: string;
  readonly tuning: HttpTuning;
  send(req: RawRequest): Promise<RawResponse>;
  requestCount(): number;
}

export function createHttp(deps: {
  instanceUrl: string;
  caFile: string | undefined;
  requestsPerMinute: number;
  maxConcurrent: number;
  clock: Clock;
  logger: Logger;
  tuning: HttpTuning;
}): AcumaticaHttp {
  const instanceUrl = deps.instanceUrl.replace(/\/+$/, '');
  const host = new URL(instanceUrl).host;
  const agents = createAgents(deps.caFile);
  const limiter = createLimiter({ requestsPerMinute: deps.requestsPerMinute, maxConcurrent: deps.maxConcurrent, clock: deps.clock });
  const client = axios.create({
    timeout: deps.tuning.timeoutMs,
    maxContentLength: deps.tuning.maxContentLength,
    maxBodyLength: deps.tuning.maxContentLength,
    maxRedirects: 0,
    validateStatus: () => true,
    transitional: { clarifyTimeoutError: true, silentJSONParsing: true, forcedJSONParsing: true },
    httpAgent: agents.httpAgent,
    httpsAgent: agents.httpsAgent,
  });
  let count = 0;

  async function send(req: RawRequest): Promise<RawResponse> {
    const exchange = async (): Promise<RawResponse> => {
      // Outside the try below: a sign-in failure is the token service's answer, not this exchange's network error.
      const auth = (await req.authorize?.()) ?? {};
      count++;
      const started = deps.clock.now();
      const path = new URL(req.url).pathname;
      // axios's `timeout` only fires while the socket is idle: an answer dribbled out byte by byte never ends. This
      // limit covers the whole exchange (found by the hostile-input test with an endless response).
      // A plain controller + timer cleared afterwards: AbortSignal.timeout/any keep 30,000 timers and listeners
      // alive for a minute each during a big write-back (memory and time).
      const whole = new AbortController();
      const timer = setTimeout(() => whole.abort(), deps.tuning.timeoutMs);
      const forward = (): void => whole.abort();
      req.signal?.addEventListener('abort', forward, { once: true });
      if (req.signal?.aborted) whole.abort();
      try {
        const headers: Record<string, string> = { Accept: 'application/json', ...req.headers, ...auth };
        if (req.data !== undefined && typeof req.data !== 'string') headers['Content-Type'] = 'application/json';
        const res = await client.request<unknown>({
          method: req.method,
          url: req.url,
          headers,
          data: req.data,
          signal: whole.signal,
        });
        const out: Record<string, string | undefined> = {};
        for (const [k, v] of Object.entries(res.headers as Record<string, unknown>)) {
          if (typeof v === 'string') out[k.toLowerCase()] = v;
        }
        deps.logger.debug('acumatica http', { method: req.method, path, status: res.status, ms: deps.clock.now() - started });
        return { status: res.status, headers: out, data: res.data };
      } catch (e) {
        if (req.signal?.aborted) throw cycleTimeUp(`during ${req.method} ${path} (its outcome is not known; the next attempt looks first)`);
        const timedOut = whole.signal.aborted && !req.signal?.aborted;
        const err = classifyNetworkError(timedOut ? Object.assign(new Error('the answer did not complete in time'), { code: 'ETIMEDOUT' }) : e, host, deps.tuning.timeoutMs);
        deps.logger.debug('acumatica http failed', { method: req.method, path, error: err.message });
        throw err;
      } finally {
        clearTimeout(timer);
        req.signal?.removeEventListener('abort', forward);
      }
    };
    return req.unthrottled ? exchange() : limiter.run(exchange, req.signal);
  }

  return { instanceUrl, host, tuning: deps.tuning, send, requestCount: () => count };
}
