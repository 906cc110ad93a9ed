// An API error in words: what happened, the server's own message, and what to do. Never a stack trace.
import type { ErrorInfo } from '../../../main/ipc/views.js';
import { toErrorInfo, whatToDo } from '../api/errors.js';

export function ErrorBox({ error, title, onRetry }: { error: unknown; title?: string; onRetry?: () => void }) {
  const info: ErrorInfo = toErrorInfo(error);
  return (
    <div className="error-box" role="alert" data-testid="error-box" data-kind={info.kind}>
      {title ? <strong>{title}</strong> : null}
      <p className="error-message">{info.message}</p>
      {info.serverMessage ? (
        <p className="server-message">
          Server said: <q>{info.serverMessage}</q>
        </p>
      ) : null}
      {info.fields && Object.keys(info.fields).length > 0 ? (
        <ul className="field-errors">
          {Object.entries(info.fields).map(([field, msg]) => (
            <li key={field}>
              <code>{field}</code>: {msg}
            </li>
          ))}
        </ul>
      ) : null}
      <p className="what-to-do">{whatToDo(info)}</p>
      {onRetry ? (
        <button type="button" onClick={onRetry}>
          Try again
        </button>
      ) : null}
    </div>
  );
}
