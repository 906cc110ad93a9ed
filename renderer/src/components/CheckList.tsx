// The result of "Test connection": each check with a mark, and on failure what exactly to fix.
import type { CheckResult } from '../../../main/ipc/views.js';

export function CheckList({ results, testId }: { results: CheckResult[]; testId: string }) {
  const allOk = results.length > 0 && results.every((r) => r.ok);
  return (
    <div data-testid={testId} className="check-list">
      <p role="status" className={allOk ? 'ok' : 'bad'}>
        {allOk ? 'All checks passed.' : 'Some checks failed: fix the items marked below, then test again.'}
      </p>
      <ul>
        {results.map((r) => (
          <li key={r.id} className={r.skipped ? 'skipped' : r.ok ? 'ok' : 'bad'} data-testid={`check-${r.id}`}>
            <span className="mark" aria-hidden="true">
              {r.skipped ? '–' : r.ok ? '✓' : '✗'}
            </span>
            <span className="check-label">{r.label}</span>
            <span className="visually-hidden">{r.skipped ? 'skipped' : r.ok ? 'passed' : 'failed'}</span>
            <span className="check-message">
              {r.skipped ? `Not checked: ${r.message}` : r.message}
              {r.warning ? (
                <span className="check-warning" role="note" data-testid={`check-${r.id}-warning`}>
                  {' '}
                  Note: {r.warning}
                </span>
              ) : null}
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
