// The Extensiv REST client the adapter speaks through: bearer token, HAL JSON, 401 -> one new token and one retry,
// every other non-2xx classified into an AppError (the body kept verbatim).
import type { Clock } from '../../clock.js';
import { AppError } from '../../errors.js';
import type { Logger } from '../../log/logger.js';
import type { SecretStore } from '../../secrets/secret-store.js';
import { createTokenSource, type TokenSource } from './auth.js';
import { classifyResponse } from './errors.js';
import { createTransport, type Transport } from './transport.js';
import { parseApiJson } from './wire.js';

export interface ApiRequest {
  method: 'GET' | 'POST' | 'PUT';
  /** Path below the base URL, e.g. /orders/41002. */
  path: string;
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  ifMatch?: string;
}

export interface ApiResponse {
  status: number;
  etag: string | undefined;
  /** The parsed JSON body; undefined for an empty body (204). */
  data: unknown;
}

export interface ExtensivClient {
  readonly baseUrl: string;
  readonly host: string;
  request(req: ApiRequest): Promise<ApiResponse>;
  /** Signs in now (Test connection). */
  token(): Promise<string>;
  close(): void;
}

export interface ClientOptions {
  baseUrl: string;
  clientId: string;
  userLoginId: string;
  tpl: string | undefined;
  secrets: SecretStore;
  clock: Clock;
  logger: Logger;
  timeoutMs?: number;
  transport?: Transport;
}

export function createExtensivClient(options: ClientOptions): ExtensivClient {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const host = new URL(baseUrl).host;
  const timeoutMs = options.timeoutMs ?? 60_000;
  const transport = options.transport ?? createTransport({ timeoutMs, maxContentLength: 100 * 1024 * 1024 });
  const tokens: TokenSource = createTokenSource({
    transport,
    tokenUrl: `${baseUrl}/AuthServer/api/Token`,
    clientId: options.clientId,
    userLoginId: options.userLoginId,
    tpl: options.tpl,
    secrets: options.secrets,
    clock: options.clock,
    logger: options.logger,
  });

  function urlOf(req: ApiRequest): string {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(req.query ?? {})) if (v !== undefined) params.set(k, String(v));
    const qs = params.toString();
    return `${baseUrl}${req.path}${qs ? `?${qs}` : ''}`;
  }

  async function once(req: ApiRequest, token: string) {
    const headers: Record<string, string> = { Authorization: `Bearer ${token}`, Accept: 'application/hal+json' };
    if (req.body !== undefined) headers['Content-Type'] = 'application/hal+json; charset=utf-8';
    if (req.ifMatch !== undefined) headers['If-Match'] = req.ifMatch;
    return transport.send({ method: req.method, url: urlOf(req), headers, ...(req.body === undefined ? {} : { body: JSON.stringify(req.body) }) });
  }

  return {
    baseUrl,
    host,
    token: () => tokens.get(),
    async request(req) {
      let token = await tokens.get();
      let res = await once(req, token);
      if (res.status === 401) {
        // The token may have been revoked or expired early: one new token, one more try.
        options.logger.info('Extensiv refused the access token; signing in again', { path: req.path });
        tokens.invalidate(token);
        token = await tokens.get();
        res = await once(req, token);
      }
      if (res.status < 200 || res.status >= 300) {
        throw classifyResponse({ status: res.status, text: res.text, retryAfter: res.headers['retry-after'], method: req.method, path: req.path }, options.clock.now());
      }
      let data: unknown = undefined;
      if (res.text.trim() !== '') {
        try {
          data = parseApiJson(res.text);
        } catch (e) {
          throw new AppError('transient', `Extensiv answered ${req.method} ${req.path} with something that is not JSON; the app tries again later.`, {
            status: res.status,
            serverMessage: res.text.slice(0, 500),
            cause: e,
          });
        }
      }
      return { status: res.status, etag: res.headers.etag, data };
    },
    close: () => transport.close(),
  };
}
