// Turns an Extensiv HTTP failure into an AppError of the right kind. The response body is kept verbatim as the
// serverMessage (operators forward it to Extensiv support); the message summarises it in the API's own words.
import { z } from 'zod';
import { AppError } from '../../errors.js';
import { parseRetryAfter } from '../../policy/backoff.js';

/** Newtonsoft exception bodies ($type, ErrorCode, Hint, Properties…); read case-insensitively. */
const exceptionBody = z
  .object({
    $type: z.string().nullish(),
    errorCode: z.string().nullish(),
    hint: z.string().nullish(),
    message: z.string().nullish(),
    modelType: z.string().nullish(),
    actionName: z.string().nullish(),
    parameters: z.array(z.string()).nullish(),
    properties: z.array(z.object({ Name: z.string().nullish(), name: z.string().nullish(), Value: z.unknown().optional(), value: z.unknown().optional() }).loose()).nullish(),
  })
  .loose();

export type ExceptionBody = z.infer<typeof exceptionBody>;

function lowerFirstKeys(data: unknown): unknown {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return data;
  return Object.fromEntries(Object.entries(data as Record<string, unknown>).map(([k, v]) => [k.startsWith('$') ? k : k.charAt(0).toLowerCase() + k.slice(1), v]));
}

export function parseException(text: string): ExceptionBody | undefined {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return undefined;
  }
  const parsed = exceptionBody.safeParse(lowerFirstKeys(json));
  return parsed.success ? parsed.data : undefined;
}

function propertyPairs(body: ExceptionBody): { name: string; value: string }[] {
  return (body.properties ?? []).map((p) => {
    const value = p.Value ?? p.value;
    return { name: p.Name ?? p.name ?? '', value: value === undefined || value === null ? '' : typeof value === 'string' ? value : JSON.stringify(value) };
  });
}

/** The server's words as one line: "Duplicate (ReferenceNum=SO-1): hint", or the raw text when it is not JSON. */
export function serverWords(text: string): string {
  const body = parseException(text);
  if (!body) return text.trim().slice(0, 500) || '(empty answer)';
  const props = propertyPairs(body).map((p) => (p.value ? `${p.name}=${p.value}` : p.name));
  const params = body.parameters ?? [];
  const head = [body.errorCode, ...(props.length ? [`(${props.join(', ')})`] : params.length ? [`(${params.join(', ')})`] : [])].filter(Boolean).join(' ');
  const hint = body.hint ?? body.message ?? '';
  return [head, hint].filter(Boolean).join(': ') || text.trim().slice(0, 500);
}

export interface ExtensivFailure {
  status: number;
  text: string;
  retryAfter: string | undefined;
  method: string;
  /** Path below the base URL, without the query. */
  path: string;
}

export function classifyResponse(f: ExtensivFailure, now: number): AppError {
  const { status } = f;
  const serverMessage = f.text === '' ? undefined : f.text;
  const what = `${f.method} ${f.path}`;
  const words = serverWords(f.text);
  if (status === 429 || status === 503 || status === 502 || status === 504 || status === 500 || status >= 500) {
    const retryAfterMs = parseRetryAfter(f.retryAfter, now);
    const why = status === 429 ? 'is over its request limit (429)' : `answered ${status}`;
    return new AppError('transient', `Extensiv ${why} to ${what}; the app tries again later.`, {
      status,
      ...(serverMessage === undefined ? {} : { serverMessage }),
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    });
  }
  if (status === 401) {
    return new AppError('credentials-rejected', 'Extensiv did not accept the access token of the client id and secret: check the client secret in Settings > Warehouse.', {
      status,
      credential: 'wms-client-secret',
      ...(serverMessage === undefined ? {} : { serverMessage }),
    });
  }
  const opts = { status, ...(serverMessage === undefined ? {} : { serverMessage }) };
  if (status === 403) {
    return new AppError('business', `Extensiv refused ${what}: ${words}. If this is about rights, give the API user the role it needs (OrderView, OrderWrite, OrderEdit) in Extensiv.`, opts);
  }
  if (status === 404) return new AppError('not-found', `Extensiv has no such resource: ${what}.`, opts);
  const body = parseException(f.text);
  const sku = body && body.errorCode === 'DoesNotExist' ? propertyPairs(body).find((p) => /sku/i.test(p.name))?.value : undefined;
  return new AppError('business', `Extensiv refused ${what} (${status}): ${words}`, { ...opts, ...(sku ? { fields: { sku } } : {}) });
}

/** The ErrorCode of an Extensiv exception body, if any. */
export function errorCodeOf(e: AppError): string | undefined {
  return e.serverMessage ? (parseException(e.serverMessage)?.errorCode ?? undefined) : undefined;
}

const networkError = z.object({ code: z.string().optional(), message: z.string().optional() }).loose();

const untrusted = new Set(['SELF_SIGNED_CERT_IN_CHAIN', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'UNABLE_TO_GET_ISSUER_CERT', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'CERT_UNTRUSTED', 'CERT_HAS_EXPIRED', 'ERR_TLS_CERT_ALTNAME_INVALID']);

/** A failure before any HTTP status: DNS, refused, reset, timeout, TLS. */
export function classifyNetworkError(err: unknown, host: string, timeoutMs: number): AppError {
  const parsed = networkError.safeParse(err);
  const code = parsed.success ? parsed.data.code : undefined;
  const detail = parsed.success ? parsed.data.message : undefined;
  const opts = { cause: err, ...(detail ? { serverMessage: detail } : {}) };
  if (code && untrusted.has(code)) {
    return new AppError('config', `The certificate of ${host} is not trusted (${code}): check the Extensiv base URL (it must be the exact host, https).`, opts);
  }
  switch (code) {
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new AppError('transient', `Cannot find ${host} (DNS): check the Extensiv base URL and this computer's network.`, opts);
    case 'ECONNREFUSED':
      return new AppError('transient', `${host} refused the connection: check the Extensiv base URL; the app tries again later.`, opts);
    case 'ECONNABORTED':
    case 'ETIMEDOUT':
      return new AppError('transient', `${host} did not answer within ${Math.round(timeoutMs / 1000)} seconds; the app tries again later.`, opts);
    default:
      return new AppError('transient', `The connection to ${host} failed (${code ?? detail ?? 'network error'}); the app tries again later.`, opts);
  }
}
