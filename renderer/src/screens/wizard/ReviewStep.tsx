// Wizard step 3: what was set up, which secrets are saved, then off to the dashboard.
import type { SettingsView } from '../../../../main/ipc/views.js';

function wmsSummary(view: SettingsView): string {
  const w = view.settings.wms;
  if (!w) return 'Not set up';
  switch (w.adapter) {
    case 'file':
      return `${w.format === 'x12' ? 'X12' : 'CSV'} files ${w.transport.kind === 'folder' ? `in ${w.transport.dir}` : `on ${w.transport.username}@${w.transport.host}:${w.transport.port}${w.transport.root}`}`;
    case 'extensiv':
      return `Extensiv at ${w.baseUrl}, customer ${w.customerId}, facility ${w.facilityId}`;
    default:
      // An adapter without a form of its own: its name as the core's registry gives it.
      return view.wmsAdapters.find((a) => a.id === w.adapter)?.label ?? w.adapter;
  }
}

export function ReviewStep({ view, onBack, onDone }: { view: SettingsView; onBack: () => void; onDone: () => void }) {
  const a = view.settings.acumatica;
  const secrets = Object.entries(view.secretsSaved).filter(([name]) => name !== 'acumatica.refreshToken');
  return (
    <section className="card" data-testid="wizard-review" aria-labelledby="review-title">
      <h3 id="review-title">Review</h3>
      <dl className="refs">
        <dt>Acumatica</dt>
        <dd>{a ? `${a.url} — tenant ${a.clientId.split('@')[1] ?? '?'} — user ${a.username}` : 'Not set up'}</dd>
        <dt>Endpoint version</dt>
        <dd>{a?.endpointVersion ?? 'Detected automatically'}</dd>
        <dt>Imports</dt>
        <dd>{a?.mode === 'shipments' ? 'Shipments' : 'Sales orders'}</dd>
        <dt>Warehouse</dt>
        <dd>{wmsSummary(view)}</dd>
        <dt>Secrets ({view.secretStore})</dt>
        <dd>
          <ul>
            {secrets.map(([name, isSaved]) => (
              <li key={name}>
                {name}: {isSaved ? 'saved' : 'not saved'}
              </li>
            ))}
          </ul>
        </dd>
      </dl>
      <div className="controls">
        <button type="button" onClick={onBack}>
          Back
        </button>
        <button type="button" data-testid="wizard-finish" onClick={onDone} disabled={!a || !view.settings.wms}>
          Finish and open the dashboard
        </button>
      </div>
    </section>
  );
}
