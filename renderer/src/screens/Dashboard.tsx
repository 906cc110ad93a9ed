// Dashboard: health of Acumatica and the warehouse, polls, counts per queue, throughput, pause/resume, sync now.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AcumaticaConnection, StatusView, WmsConnection } from '../../../main/ipc/views.js';
import { useCall } from '../api/context.js';
import { whatToDo } from '../api/errors.js';
import { keys } from '../api/keys.js';
import { ErrorBox } from '../components/ErrorBox.js';
import { Loading } from '../components/Loading.js';
import { ProgressBar } from '../components/ProgressBar.js';
import { ThroughputChart } from '../components/ThroughputChart.js';
import { formatCount, formatDateTime, formatRelative, formatTime } from '../format.js';
import { useMarkReady } from '../hooks/useReady.js';
import { useNavigate } from '../nav.js';
import { needsOperator, QUEUE_TABS, STATE_LABELS } from '../states.js';
import { LastReconciliation } from './Reconciliation.js';

type Health = Pick<AcumaticaConnection, 'message' | 'credential' | 'serverMessage' | 'retryAt' | 'warning'> & {
  state: AcumaticaConnection['state'] | WmsConnection['state'];
};

function headline(h: Health): { text: string; tone: 'ok' | 'warn' | 'bad' | 'idle' } {
  switch (h.state) {
    case 'connected':
      return { text: 'Connected', tone: 'ok' };
    case 'connecting':
      return { text: 'Connecting…', tone: 'idle' };
    case 'retrying':
      return { text: h.retryAt ? `Retrying until ${formatTime(h.retryAt)}` : 'Retrying', tone: 'warn' };
    case 'credentials-rejected':
      return { text: 'Credentials rejected', tone: 'bad' };
    case 'not-configured':
      return { text: 'Not set up', tone: 'idle' };
    case 'error':
      return { text: 'Problem', tone: 'bad' };
  }
}

function HealthCard({ title, health, testId }: { title: string; health: Health; testId: string }) {
  const go = useNavigate();
  const { text, tone } = headline(health);
  const needsWizard = health.state === 'credentials-rejected' || health.state === 'not-configured';
  return (
    <section className={`card health ${tone}`} data-testid={testId} aria-labelledby={`${testId}-title`}>
      <h3 id={`${testId}-title`}>{title}</h3>
      <p className="health-state" data-testid={`${testId}-state`}>
        {text}
      </p>
      {health.message ? <p>{health.message}</p> : null}
      {health.warning ? (
        <p className="warning" role="note" data-testid={`${testId}-warning`}>
          Note: {health.warning}
        </p>
      ) : null}
      {health.serverMessage ? (
        <p className="server-message">
          Server said: <q>{health.serverMessage}</q>
        </p>
      ) : null}
      {health.state === 'credentials-rejected' ? (
        <p className="what-to-do">
          What to do: {whatToDo({ kind: 'credentials-rejected', message: health.message, ...(health.credential ? { credential: health.credential } : {}) })}
        </p>
      ) : null}
      {needsWizard ? (
        <button type="button" onClick={() => go({ name: 'wizard' })}>
          Open the connection wizard
        </button>
      ) : null}
    </section>
  );
}

function Controls({ status }: { status: StatusView }) {
  const run = useCall();
  const qc = useQueryClient();
  const done = () => void qc.invalidateQueries({ queryKey: keys.status });
  const pause = useMutation({ mutationFn: () => run(status.paused ? 'sync.resume' : 'sync.pause', {}), onSettled: done });
  const sync = useMutation({ mutationFn: () => run('sync.now', {}), onSettled: done });
  return (
    <div className="controls">
      <button type="button" data-testid="pause-toggle" onClick={() => pause.mutate()} disabled={pause.isPending}>
        {status.paused ? 'Resume syncing' : 'Pause syncing'}
      </button>
      <button type="button" data-testid="sync-now" onClick={() => sync.mutate()} disabled={sync.isPending || status.syncing || status.paused}>
        {status.syncing ? 'Syncing…' : 'Sync now'}
      </button>
      {pause.isError ? <ErrorBox error={pause.error} /> : null}
      {sync.isError ? <ErrorBox error={sync.error} /> : null}
    </div>
  );
}

export function Dashboard() {
  const run = useCall();
  const go = useNavigate();
  const status = useQuery({ queryKey: keys.status, queryFn: () => run('status.get', {}), refetchInterval: 30_000 });
  useMarkReady(status.isSuccess);

  if (status.isPending) return <Loading what="the status" />;
  if (status.isError) return <ErrorBox title="The status could not be loaded" error={status.error} onRetry={() => void status.refetch()} />;
  const s = status.data;
  return (
    <div className="dashboard" data-testid="dashboard">
      <h2>Dashboard</h2>
      {s.demo ? <p className="notice">Demo mode: simulated Acumatica and warehouse, nothing real is touched.</p> : null}
      {s.warnings.length > 0 ? (
        <ul className="warnings" data-testid="warnings">
          {s.warnings.map((w) => (
            <li key={w} role="alert">
              {w}
            </li>
          ))}
        </ul>
      ) : null}
      <div className="grid-2">
        <HealthCard title="Acumatica" health={s.acumatica} testId="health-acumatica" />
        <HealthCard title="Warehouse" health={s.wms} testId="health-wms" />
      </div>
      <section className="card polls" aria-label="Polling">
        <p data-testid="paused-state">{s.paused ? 'Syncing is paused.' : s.syncing ? 'Syncing now.' : 'Syncing is running.'}</p>
        <p>
          Last poll: <span data-testid="last-poll">{formatDateTime(s.lastPollAt)}</span>
          {s.lastSuccessfulPollAt && s.lastSuccessfulPollAt !== s.lastPollAt ? ` (last successful ${formatRelative(s.lastSuccessfulPollAt)})` : ''}
        </p>
        <p>
          Next poll: <span data-testid="next-poll">{s.paused ? 'paused' : formatDateTime(s.nextPollAt)}</span>
        </p>
        <Controls status={s} />
        {s.progress ? <ProgressBar progress={s.progress} /> : null}
        {s.slowSteps.length > 0 ? (
          // A step of the running cycle that is taking long (a ConfirmShipment Acumatica is slow to finish): said, so
          // nobody wonders why the cycle has not ended; the cycle's time limit stops it and the next one goes on.
          <ul className="slow-steps" data-testid="slow-steps" aria-label="Taking long">
            {s.slowSteps.map((step) => (
              <li key={`${step.label}-${step.startedAt}`}>
                {step.label} for {step.seconds} s
              </li>
            ))}
          </ul>
        ) : null}
      </section>
      <LastReconciliation onOpen={() => go({ name: 'reconcile' })} />
      <section aria-labelledby="counts-title">
        <h3 id="counts-title">Orders by state</h3>
        <ul className="count-tiles">
          {QUEUE_TABS.map((state) => (
            <li key={state}>
              <button
                type="button"
                className={`tile ${needsOperator(state) && s.counts[state] > 0 ? 'bad' : ''}`}
                data-testid={`count-${state}`}
                onClick={() => go({ name: 'queues', state })}
              >
                <span className="tile-count">{formatCount(s.counts[state])}</span>
                <span className="tile-label">{STATE_LABELS[state]}</span>
              </button>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="chart-title">
        <h3 id="chart-title">Orders in and shipments out per hour</h3>
        <ThroughputChart data={s.throughput} />
      </section>
    </div>
  );
}
