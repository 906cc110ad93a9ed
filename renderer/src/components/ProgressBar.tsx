// The progress of a long import or send; indeterminate when the total is not known yet.
import type { ProgressEvent } from '../../../main/ipc/views.js';
import { formatCount } from '../format.js';

const PHASE: Record<ProgressEvent['phase'], string> = {
  import: 'Importing from Acumatica',
  send: 'Sending to the warehouse',
  collect: 'Collecting shipments',
  writeback: 'Writing shipments back to Acumatica',
};

export function ProgressBar({ progress }: { progress: ProgressEvent }) {
  const label = `${PHASE[progress.phase]}: ${formatCount(progress.done)}${progress.total !== null ? ` of ${formatCount(progress.total)}` : ''}`;
  return (
    <div className="progress" data-testid="progress">
      <label>
        {label}
        <progress max={progress.total ?? undefined} value={progress.total !== null ? progress.done : undefined} />
      </label>
    </div>
  );
}
