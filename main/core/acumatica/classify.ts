// Turns an Acumatica HTTP failure into an AppError of the right kind, keeping the server's own words.
import { z } from 'zod';
import { AppError } from '../errors.js';
import { parseRetryAfter } from '../policy/backoff.js';
import { classifyFiveHundred } from './refusals.js';
import { tlsProblem } from './tls.js';

/** The licence's API user limit is reached (any status; text "API Login Limit"): wait and try again (#14 item 12). */
export function loginLimit(serverMessage: string | undefined, retryAfterMs?: number, status?: number): AppError {
  return new AppError(
    'transient',
    "Acumatica's limit of signed-in API users is reached (API Login Limit): the app waits and tries again. If it persists, sign other integrations out or raise the limit (License Monitoring Console, SM604000; Users form, Max. Number of Concurrent Logins).",
    { ...(serverMessage ? { serverMessage } : {}), ...(retryAfterMs === undefined ? {} : { retryAfterMs }), ...(status === undefined ? {} : { status }) },
  );
}

export interface HttpFailure {
  status: number;
  retryAfter: string | undefined;
  data: unknown;
  method: string;
  /** Path below the instance URL, e.g. /entity/Default/24.200.001/SalesOrder. */
  path: string;
}

const innerError = z.object({ exceptionMessage: z.string().nullish(), message: z.string().nullish(), exceptionType: z.string().nullish() }).loose();
const httpErrorBody = z
  .object({
    message: z.string().nullish(),
    exceptionMessage: z.string().nullish(),
    exceptionType: z.string().nullish(),
    innerException: innerError.nullish(),
  })
  .loose();

/**
 * The server's own words of an error body: exceptionMessage (else message), with innerException.exceptionMessage
 * appended when it says more (#14 item 16: the outer text is often the generic "An error has occurred.").
 */
export function serverWords(data: unknown): string | undefined {
  const body = httpErrorBody.safeParse(data);
  if (!body.success) return typeof data === 'string' && data.length > 0 && data.length < 500 ? data : undefined;
  const outer = body.data.exceptionMessage ?? body.data.message ?? undefined;
  const inner = body.data.innerException?.exceptionMessage ?? body.data.innerException?.message ?? undefined;
  if (inner && inner !== outer) return outer ? `${outer} ${inner}` : inner;
  return outer;
}

const forms: Record<string, string> = {
  SalesOrder: 'Sales Orders (SO301000)',
  Shipment: 'Shipments (SO302000)',
};

/** The entity a contract-based path addresses (SalesOrder, Shipment…), or ''. */
export function entityOf(path: string): string {
  const m = /\/entity\/[^/]+\/[^/]+\/([^/?]+)/.exec(path);
  return m?.[1] ?? '';
}

/** Field errors of a 422 body: {"Packages[0].BoxID": "Box 'X' cannot be found…"}; "" is a record-level error. */
export function fieldErrors(data: unknown, prefix = '', out: Record<string, string> = {}): Record<string, string> {
  if (Array.isArray(data)) {
    data.forEach((item, i) => fieldErrors(item, `${prefix}[${i}]`, out));
    return out;
  }
  if (data === null || typeof data !== 'object') return out;
  for (const [key, value] of Object.entries(data as Record<string, unknown>)) {
    if (key === 'error' && typeof value === 'string' && value !== '') {
      out[prefix === '' ? 'record' : prefix] = value;
    } else if (value !== null && typeof value === 'object' && key !== '_links' && key !== 'custom') {
      fieldErrors(value, prefix === '' ? key : `${prefix}.${key}`, out);
    }
  }
  return out;
}

/** True for the 500 Acumatica answers when a GET by key finds nothing. */
export function isNoEntity(e: unknown): boolean {
  return (
    e instanceof AppError &&
    e.status === 500 &&
    /NoEntitySatisfiesTheCondition|No entity satisfies the condition/i.test(e.serverMessage ?? '')
  );
}

export function classifyResponse(f: HttpFailure, now: number): AppError {
  const body = httpErrorBody.safeParse(f.data);
  const parsed = body.success ? body.data : undefined;
  const serverMessage = serverWords(f.data);
  const entity = entityOf(f.path);
  const what = entity ? `${entity} (${f.method} ${f.path})` : `${f.method} ${f.path}`;
  const status = f.status;

  if (/login limit/i.test(serverMessage ?? '')) return loginLimit(serverMessage, parseRetryAfter(f.retryAfter, now), status);
  if (status === 429) {
    const retryAfterMs = parseRetryAfter(f.retryAfter, now);
    return new AppError('transient', 'Acumatica is over its API request limit (429); the app waits and tries again.', {
      status, serverMessage, ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    });
  }
  if (status === 401) {
    // Never "password rejected": a wrong password shows at the token service (invalid_grant), not here (#14 item 16).
    return new AppError('transient', 'Acumatica did not accept the sign-in token; the app signs in again and retries. If this keeps happening, check the user\'s access to the web service API in Acumatica.', { status, serverMessage });
  }

  if (status === 403) {
    const form = forms[entity] ?? (entity || 'this data');
    return new AppError('business', `The Acumatica user lacks rights to ${form}: give the integration user's role access to it in Acumatica (User Roles).`, {
      status, serverMessage,
    });
  }
  if (status === 404 && /^\/entity\/Default\//.test(f.path)) {
    return new AppError('config', `Acumatica answered 404 for ${what}: the endpoint version may not exist on this instance. Clear the pinned endpoint version in Settings > Acumatica.`, {
      status, serverMessage,
    });
  }
  if (status === 412) {
    return new AppError('business', `Acumatica refused ${what}: the record ${f.method === 'PUT' ? 'already exists or is missing' : 'changed'} (412).`, { status, serverMessage });
  }
  if (status === 422) {
    const fields = fieldErrors(f.data);
    const list = Object.entries(fields).map(([k, v]) => `${k}: ${v}`).join('; ');
    return new AppError('business', `Acumatica refused the ${entity || 'record'}: ${list || serverMessage || 'invalid data'}`, {
      status, fields, serverMessage: list || serverMessage,
    });
  }
  if (status >= 500) {
    // Which 500s are refusals is decided in ONE place (refusals.ts); a bare 5xx, a gateway error, a record lock or
    // any fault is worth another try (a write then looks before it creates again).
    const kind = status === 500 ? classifyFiveHundred(f.method, parsed?.exceptionType ?? undefined, serverMessage) : 'transient';
    if (kind === 'no-entity' || kind === 'refusal') {
      return new AppError('business', `Acumatica refused ${what}: ${serverMessage ?? 'no reason given'}`, { status, serverMessage });
    }
    return new AppError('transient', `Acumatica answered ${status} to ${what}${serverMessage ? ` (${serverMessage})` : ''}; the app tries again later.`, { status, serverMessage });
  }
  return new AppError('business', `Acumatica refused ${what} (${status})${serverMessage ? `: ${serverMessage}` : ''}`, { status, serverMessage });
}

const networkError = z.object({ code: z.string().optional(), message: z.string().optional() }).loose();

/** A failure before any HTTP status: DNS, refused, reset, timeout, TLS. */
export function classifyNetworkError(err: unknown, host: string, timeoutMs: number): AppError {
  const parsed = networkError.safeParse(err);
  const code = parsed.success ? parsed.data.code : undefined;
  const detail = parsed.success ? parsed.data.message : undefined;
  const tls = tlsProblem(code, host);
  if (tls) return new AppError('config', tls, { cause: err, serverMessage: detail });
  const opts = { cause: err, serverMessage: detail };
  switch (code) {
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new AppError('transient', `Cannot find ${host} (DNS): check the Instance URL and this computer's network.`, opts);
    case 'ECONNREFUSED':
      return new AppError('transient', `${host} refused the connection: check the Instance URL and port, and that the instance is running.`, opts);
    case 'ECONNABORTED':
    case 'ETIMEDOUT':
      return new AppError('transient', `${host} did not answer within ${Math.round(timeoutMs / 1000)} seconds; the app tries again later.`, opts);
    case 'ERR_FR_MAX_CONTENT_LENGTH_EXCEEDED':
    case 'ERR_BAD_RESPONSE':
      // axios also uses ERR_BAD_RESPONSE for an answer cut off mid-body ("stream has been aborted"): that is the
      // network, not the server's data, so it is transient (and, for a write, an unknown outcome).
      if (code === 'ERR_BAD_RESPONSE' && !/maxContentLength/i.test(detail ?? '')) {
        return new AppError('transient', `The answer from ${host} was cut off (${detail ?? 'connection closed'}); the app tries again later.`, opts);
      }
      return new AppError('business', `The answer from ${host} was too large or malformed: lower the page size or contact support.`, opts);
    default:
      return new AppError('transient', `The connection to ${host} failed (${code ?? detail ?? 'network error'}); the app tries again later.`, opts);
  }
}

/** Network failures after which the server surely did not act on the request (safe to resend a write). */
export function notDelivered(err: AppError): boolean {
  // Refused at the door (rate or login limit): the request was not acted on.
  if (err.status === 429 || /login limit/i.test(err.serverMessage ?? '')) return true;
  const cause = networkError.safeParse(err.cause);
  const code = cause.success ? cause.data.code : undefined;
  return code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN';
}
