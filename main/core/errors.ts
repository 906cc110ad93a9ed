// Every error the core raises has a kind, and each kind is one UI state:
//  - credentials-rejected: stop and wait for the user to renew a credential (nothing is lost or failed)
//  - transient: retry by itself with backoff; the UI shows the next attempt time
//  - business: the server refused; keep its words verbatim, wait for the operator
//  - config: settings missing or invalid; tell the user which field
//  - keychain: the OS keychain cannot be used; tell the user how to unlock/install it
//  - invalid-input: a request from the UI/CLI that does not validate
//  - storage: the database cannot be read or written
//  - internal: a bug; logged with detail, shown as a generic message

export type ErrorKind =
  | 'credentials-rejected'
  | 'transient'
  | 'business'
  | 'config'
  | 'keychain'
  | 'invalid-input'
  | 'storage'
  | 'not-found'
  | 'internal';

/** Which credential the user has to renew when the kind is credentials-rejected. */
export type CredentialName =
  | 'acumatica-shared-secret'
  | 'acumatica-password'
  | 'wms-password'
  | 'wms-key'
  | 'wms-client-secret'
  | 'wms-host-key';

export interface AppErrorOptions {
  /** Transient only: the earliest time to try again, from Retry-After or the backoff. */
  retryAfterMs?: number;
  credential?: CredentialName;
  /** The remote system's own message, verbatim. */
  serverMessage?: string;
  /** HTTP status when the error came from an HTTP call. */
  status?: number;
  /** Field-level problems (422 field errors, settings fields). */
  fields?: Record<string, string>;
  cause?: unknown;
}

export class AppError extends Error {
  readonly kind: ErrorKind;
  readonly retryAfterMs: number | undefined;
  readonly credential: CredentialName | undefined;
  readonly serverMessage: string | undefined;
  readonly status: number | undefined;
  readonly fields: Record<string, string> | undefined;

  constructor(kind: ErrorKind, message: string, options: AppErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.kind = kind;
    this.retryAfterMs = options.retryAfterMs;
    this.credential = options.credential;
    this.serverMessage = options.serverMessage;
    this.status = options.status;
    this.fields = options.fields;
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}

/** Wraps anything thrown into an AppError; unknown errors become `internal`. */
export function toAppError(e: unknown): AppError {
  if (e instanceof AppError) return e;
  const message = e instanceof Error ? e.message : String(e);
  return new AppError('internal', message, { cause: e });
}

/** The serialisable form sent to the UI and printed by the CLI. Never carries secrets or stack traces. */
export interface ErrorInfo {
  kind: ErrorKind;
  message: string;
  credential?: CredentialName;
  serverMessage?: string;
  retryAt?: string;
  fields?: Record<string, string>;
}

export function errorInfo(e: unknown, now: number = Date.now()): ErrorInfo {
  const err = toAppError(e);
  const info: ErrorInfo = { kind: err.kind, message: err.kind === 'internal' ? `Unexpected error: ${err.message}` : err.message };
  if (err.credential) info.credential = err.credential;
  if (err.serverMessage) info.serverMessage = err.serverMessage;
  if (err.retryAfterMs !== undefined) info.retryAt = new Date(now + err.retryAfterMs).toISOString();
  if (err.fields) info.fields = err.fields;
  return info;
}
