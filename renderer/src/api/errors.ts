// Turns an API error into words an operator can act on: what happened and what to do next.
import type { ErrorInfo } from '../../../main/ipc/views.js';
import { formatTime } from '../format.js';

/** Thrown by `call` so react-query sees a failure; carries the API's ErrorInfo. */
export class ApiError extends Error {
  readonly info: ErrorInfo;
  constructor(info: ErrorInfo) {
    super(info.message);
    this.name = 'ApiError';
    this.info = info;
  }
}

export function toErrorInfo(e: unknown): ErrorInfo {
  if (e instanceof ApiError) return e.info;
  // An ErrorInfo as the API stores it on an order or fulfillment (not thrown).
  if (isErrorInfo(e)) return e;
  const message = e instanceof Error ? e.message : String(e);
  return { kind: 'internal', message: `Unexpected error: ${message}` };
}

const CREDENTIAL_HELP: Record<string, string> = {
  'acumatica-shared-secret':
    'Acumatica refused the shared secret. In Acumatica open Connected Applications (SM303010), add a new shared secret, then enter it in the connection wizard.',
  'acumatica-password':
    'Acumatica refused the user name or password. Check the user in Acumatica (not locked, password not expired), then enter the password again in the connection wizard.',
  'wms-password': 'The warehouse server refused the password. Enter the current password in the connection wizard (warehouse step).',
  'wms-key': 'The warehouse server refused the private key. Paste the current key in the connection wizard (warehouse step).',
  'wms-client-secret': 'Extensiv refused the client secret. Enter the current secret in the connection wizard (warehouse step).',
  'wms-host-key': 'The SFTP server presented an unexpected host key. Confirm the new key with the warehouse before connecting again.',
};

/** What the operator should do about an error, in one or two sentences. */
export function whatToDo(info: ErrorInfo): string {
  switch (info.kind) {
    case 'credentials-rejected':
      return (
        (info.credential ? CREDENTIAL_HELP[info.credential] : undefined) ??
        'A password or secret was refused. Open the connection wizard and enter it again.'
      );
    case 'transient':
      return info.retryAt
        ? `This is usually temporary. DropStream tries again by itself at ${formatTime(info.retryAt)}.`
        : 'This is usually temporary. Check the network connection and try again in a moment.';
    case 'business':
      return 'The server refused it for the reason shown. Fix the cause in Acumatica or at the warehouse, then press Retry.';
    case 'config':
      return 'A setting is missing or wrong. Correct the fields marked below, or open Settings.';
    case 'keychain':
      return 'The system keychain cannot be used. Log in to the desktop session and unlock the keychain (or install a Secret Service such as GNOME Keyring), then try again.';
    case 'invalid-input':
      return 'Some values are not valid. Correct the fields marked below and try again.';
    case 'storage':
      return 'The database could not be read or written. Check free disk space and that the data folder is writable, then try again.';
    case 'not-found':
      return 'It no longer exists. Go back to the list; it may have been removed or renamed.';
    case 'internal':
      return 'Something unexpected went wrong. Try again; if it keeps happening, send the activity log to support.';
  }
}

function isErrorInfo(e: unknown): e is ErrorInfo {
  return typeof e === 'object' && e !== null && !(e instanceof Error) && typeof (e as { kind?: unknown }).kind === 'string' && typeof (e as { message?: unknown }).message === 'string';
}
