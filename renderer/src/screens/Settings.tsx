// Settings: poll interval, statuses to import, confirm shipments, pause, log level, start at login, theme, and where
// data and secrets are kept. A failed save keeps everything typed and marks the fields the API named.
import { zodResolver } from '@hookform/resolvers/zod';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import type { SettingsView } from '../../../main/ipc/views.js';
import { useCall } from '../api/context.js';
import { toErrorInfo } from '../api/errors.js';
import { keys } from '../api/keys.js';
import { ErrorBox } from '../components/ErrorBox.js';
import { Field } from '../components/Field.js';
import { Loading } from '../components/Loading.js';
import { useMarkReady } from '../hooks/useReady.js';
import { useNavigate } from '../nav.js';

const formSchema = z.object({
  pollIntervalSeconds: z
    .number({ error: 'Enter a number of seconds' })
    .int('Whole seconds only')
    .min(10, 'At least 10 seconds')
    .max(86_400, 'At most one day (86400 seconds)'),
  paused: z.boolean(),
  logLevel: z.enum(['debug', 'info', 'warn', 'error']),
  startAtLogin: z.boolean(),
  theme: z.enum(['system', 'light', 'dark']),
  maxAttempts: z.number({ error: 'Enter a number' }).int().min(1, 'At least 1').max(1000, 'At most 1000'),
  statuses: z.string().trim(),
  confirmShipments: z.boolean(),
  packageContents: z.boolean(),
  shipLineTypes: z.string().trim(),
  lotSerialItems: z.string().trim(),
});
type FormValues = z.infer<typeof formSchema>;

function toForm(v: SettingsView): FormValues {
  const app = v.settings.app;
  return {
    pollIntervalSeconds: app.pollIntervalSeconds,
    paused: app.paused,
    logLevel: app.logLevel,
    startAtLogin: app.startAtLogin,
    theme: app.theme,
    maxAttempts: app.maxAttempts,
    statuses: (v.settings.acumatica?.statuses ?? ['Open']).join(', '),
    confirmShipments: v.settings.acumatica?.confirmShipments ?? true,
    packageContents: v.settings.acumatica?.packageContents !== false,
    shipLineTypes: (v.settings.acumatica?.shipLineTypes ?? []).join(', '),
    lotSerialItems: (v.settings.acumatica?.lotSerialItems ?? []).join(', '),
  };
}

const listOf = (v: string): string[] =>
  v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

function SettingsForm({ view }: { view: SettingsView }) {
  const run = useCall();
  const qc = useQueryClient();
  const [saveError, setSaveError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const form = useForm<FormValues>({ resolver: zodResolver(formSchema), defaultValues: toForm(view) });
  const { errors, isSubmitting } = form.formState;
  const acumatica = view.settings.acumatica;

  const submit = form.handleSubmit(async (v) => {
    setSaveError(null);
    setSaved(false);
    const statuses = listOf(v.statuses);
    if (acumatica && statuses.length === 0) {
      form.setError('statuses', { message: 'Enter at least one status, e.g. Open' });
      return;
    }
    try {
      const { statuses: _s, confirmShipments, packageContents, shipLineTypes, lotSerialItems, ...app } = v;
      let latest = await run('settings.save', { section: 'app', value: app });
      if (acumatica) {
        // An empty list means the default: the key is left out rather than saved empty.
        const { shipLineTypes: _t, lotSerialItems: _l, ...rest } = acumatica;
        const lineTypes = listOf(shipLineTypes);
        const lotItems = listOf(lotSerialItems);
        latest = await run('settings.save', {
          section: 'acumatica',
          value: { ...rest, statuses, confirmShipments, packageContents, ...(lineTypes.length ? { shipLineTypes: lineTypes } : {}), ...(lotItems.length ? { lotSerialItems: lotItems } : {}) },
        });
      }
      qc.setQueryData(keys.settings, latest);
      form.reset(toForm(latest));
      setSaved(true);
    } catch (e) {
      for (const [field, msg] of Object.entries(toErrorInfo(e).fields ?? {})) {
        const name = field.split('.').pop() as keyof FormValues;
        if (name in formSchema.shape) form.setError(name, { message: msg });
      }
      setSaveError(e);
    }
  });

  return (
    <form className="form" onSubmit={(e) => void submit(e)} noValidate data-testid="settings-form">
      <fieldset>
        <legend>Syncing</legend>
        <Field label="Check Acumatica every (seconds)" id="set-poll" error={errors.pollIntervalSeconds?.message}>
          <input id="set-poll" type="number" {...form.register('pollIntervalSeconds', { valueAsNumber: true })} />
        </Field>
        <Field
          label="Acumatica statuses to import (comma separated)"
          id="set-statuses"
          error={errors.statuses?.message}
          hint={acumatica ? 'Documents with one of these statuses are sent to the warehouse.' : 'Set up the Acumatica connection first.'}
        >
          <input id="set-statuses" disabled={!acumatica} {...form.register('statuses')} />
        </Field>
        <div className="check">
          <input id="set-confirm" type="checkbox" disabled={!acumatica} {...form.register('confirmShipments')} />
          <label htmlFor="set-confirm">Confirm shipments in Acumatica after writing tracking back</label>
        </div>
        <div className="check">
          <input id="set-contents" type="checkbox" disabled={!acumatica} {...form.register('packageContents')} />
          <label htmlFor="set-contents">Package contents: send each box's items and lot/serial numbers to Acumatica</label>
        </div>
        <Field label="Line Types sent to the warehouse (comma separated)" id="set-line-types" hint="Empty: Goods for Inventory, Non-Inventory Goods.">
          <input id="set-line-types" disabled={!acumatica} {...form.register('shipLineTypes')} />
        </Field>
        <Field
          label="Lot/serial items (comma separated InventoryIDs)"
          id="set-lot-items"
          hint="Items tracked in Acumatica whose order lines do not show it: held until the warehouse reports their lots."
        >
          <input id="set-lot-items" disabled={!acumatica} {...form.register('lotSerialItems')} />
        </Field>
        <div className="check">
          <input id="set-paused" type="checkbox" {...form.register('paused')} />
          <label htmlFor="set-paused">Pause syncing</label>
        </div>
        <Field label="Attempts before a problem is shown as failed" id="set-attempts" error={errors.maxAttempts?.message}>
          <input id="set-attempts" type="number" {...form.register('maxAttempts', { valueAsNumber: true })} />
        </Field>
      </fieldset>
      <fieldset>
        <legend>This computer</legend>
        <Field label="Theme" id="set-theme">
          <select id="set-theme" {...form.register('theme')}>
            <option value="system">Follow the system</option>
            <option value="light">Light</option>
            <option value="dark">Dark</option>
          </select>
        </Field>
        <Field label="Log detail" id="set-log">
          <select id="set-log" {...form.register('logLevel')}>
            <option value="error">Errors only</option>
            <option value="warn">Warnings and errors</option>
            <option value="info">Normal</option>
            <option value="debug">Everything (for support)</option>
          </select>
        </Field>
        <div className="check">
          <input id="set-login" type="checkbox" {...form.register('startAtLogin')} />
          <label htmlFor="set-login">Start DropStream when I log in</label>
        </div>
        <dl className="refs">
          <dt>Data folder</dt>
          <dd data-testid="data-dir">{view.dataDir}</dd>
          <dt>Passwords and secrets are kept in</dt>
          <dd>{view.secretStore}</dd>
        </dl>
      </fieldset>
      {saveError ? <ErrorBox title="The settings were not saved" error={saveError} /> : null}
      {saved ? (
        <p role="status" className="notice">
          Settings saved.
        </p>
      ) : null}
      <button type="submit" disabled={isSubmitting} data-testid="settings-save">
        Save settings
      </button>
    </form>
  );
}

export function SettingsScreen() {
  const run = useCall();
  const go = useNavigate();
  const settings = useQuery({ queryKey: keys.settings, queryFn: () => run('settings.get', {}) });
  useMarkReady(settings.isSuccess || settings.isError);
  if (settings.isPending) return <Loading what="settings" />;
  if (settings.isError) return <ErrorBox title="The settings could not be loaded" error={settings.error} onRetry={() => void settings.refetch()} />;
  return (
    <div className="settings" data-testid="settings">
      <h2>Settings</h2>
      <p>
        <button type="button" onClick={() => go({ name: 'wizard' })}>
          Change the Acumatica or warehouse connection
        </button>
      </p>
      <SettingsForm view={settings.data} />
    </div>
  );
}
