// How the command speaks: human sentences by default, versioned JSON with --json. Errors say what to do.
import { errorInfo, type ErrorInfo } from '../core/errors.js';
import { redactor } from '../core/log/redact.js';

export const JSON_VERSION = 1;

export interface Output {
  json: boolean;
  /** A result: printed as JSON (with the version) or by `human`. */
  result(value: Record<string, unknown>, human: () => string): void;
  /** Progress and notes for a person (stderr, never in JSON mode's stdout). */
  info(line: string): void;
}

export function createOutput(json: boolean, stdout: NodeJS.WritableStream = process.stdout, stderr: NodeJS.WritableStream = process.stderr): Output {
  return {
    json,
    result(value, human) {
      stdout.write(json ? `${JSON.stringify({ version: JSON_VERSION, ...value }, null, 2)}\n` : `${human()}\n`);
    },
    info(line) {
      if (!json) stderr.write(`${line}\n`);
    },
  };
}

/** Exit codes: 0 ok, 1 could not do it (remote or runtime), 2 bad input or settings, 3 credentials rejected. */
export function exitCodeFor(info: ErrorInfo): number {
  if (info.kind === 'credentials-rejected' || info.kind === 'keychain') return 3;
  if (info.kind === 'config' || info.kind === 'invalid-input') return 2;
  return 1;
}

export function describeError(e: unknown): ErrorInfo {
  return redactor.value(errorInfo(e)) as ErrorInfo;
}

export function errorLine(info: ErrorInfo): string {
  const server = info.serverMessage && !info.message.includes(info.serverMessage) ? ` (Acumatica/WMS said: ${info.serverMessage})` : '';
  const retry = info.retryAt ? ` Next attempt at ${info.retryAt}.` : '';
  return `${info.message}${server}${retry}`;
}
