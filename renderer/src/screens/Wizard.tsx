// The connection wizard: Acumatica, then the warehouse, then a review. Each step saves its own section; secrets go
// straight to the keychain and are never shown again (only "saved").
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useCall } from '../api/context.js';
import { keys } from '../api/keys.js';
import { ErrorBox } from '../components/ErrorBox.js';
import { Loading } from '../components/Loading.js';
import { useMarkReady } from '../hooks/useReady.js';
import { AcumaticaStep } from './wizard/AcumaticaStep.js';
import { ReviewStep } from './wizard/ReviewStep.js';
import { WmsStep } from './wizard/WmsStep.js';

const STEPS = ['Acumatica', 'Warehouse', 'Review'] as const;

export function Wizard({ onDone }: { onDone: () => void }) {
  const run = useCall();
  const [step, setStep] = useState(0);
  const settings = useQuery({ queryKey: keys.settings, queryFn: () => run('settings.get', {}) });
  useMarkReady(settings.isSuccess || settings.isError);

  if (settings.isPending) return <Loading what="the connection settings" />;
  if (settings.isError) return <ErrorBox title="The settings could not be loaded" error={settings.error} onRetry={() => void settings.refetch()} />;
  const view = settings.data;
  return (
    <div className="wizard" data-testid="wizard">
      <h2>Connection wizard</h2>
      <ol className="steps" aria-label="Steps">
        {STEPS.map((name, i) => (
          <li key={name} aria-current={i === step ? 'step' : undefined} className={i < step ? 'done' : ''}>
            <button type="button" onClick={() => setStep(i)} disabled={i > step}>
              {i + 1}. {name}
            </button>
          </li>
        ))}
      </ol>
      {step === 0 ? <AcumaticaStep view={view} onNext={() => setStep(1)} /> : null}
      {step === 1 ? <WmsStep view={view} onBack={() => setStep(0)} onNext={() => setStep(2)} /> : null}
      {step === 2 ? <ReviewStep view={view} onBack={() => setStep(1)} onDone={onDone} /> : null}
    </div>
  );
}
