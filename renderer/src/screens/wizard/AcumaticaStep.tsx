// Wizard step 1: the Acumatica connection. Validated with the settings schema's own rules; "Test connection" runs
// against the draft (not yet saved) and lists every check with what to fix.
import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { acumaticaSettingsSchema } from '../../../../main/core/settings/sections.js';
import type { AcumaticaSettings } from '../../../../main/core/settings/schema.js';
import type { SettingsView } from '../../../../main/ipc/views.js';
import { useCall } from '../../api/context.js';
import { toErrorInfo } from '../../api/errors.js';
import { keys } from '../../api/keys.js';
import { CheckList } from '../../components/CheckList.js';
import { ErrorBox } from '../../components/ErrorBox.js';
import { Field } from '../../components/Field.js';
import { SecretField } from './SecretField.js';

const VERSION = /^\d{2}\.\d{3}\.\d{3}$/;

const formSchema = z
  .object({
    url: z
      .string()
      .trim()
      .pipe(acumaticaSettingsSchema.shape.url)
      .refine((u) => /^https?:\/\//i.test(u), 'The Instance URL starts with https://'),
    clientId: z.string().trim().pipe(acumaticaSettingsSchema.shape.clientId),
    username: z.string().trim().min(1, 'Enter the Acumatica user name'),
    versionMode: z.enum(['auto', 'pinned']),
    endpointVersion: z.string().trim(),
    mode: z.enum(['sales-orders', 'shipments']),
    secretExpiresOn: z.string(),
    sharedSecret: z.string(),
    password: z.string(),
  })
  .superRefine((v, ctx) => {
    if (v.versionMode === 'pinned' && !VERSION.test(v.endpointVersion))
      ctx.addIssue({ code: 'custom', path: ['endpointVersion'], message: 'Use a version like 24.200.001' });
  });
type FormValues = z.input<typeof formSchema>;

const MODES = {
  'sales-orders': {
    label: 'Sales orders',
    explain: 'Open sales orders go to the warehouse. Write-back creates the Acumatica shipment with its packages and tracking numbers.',
  },
  shipments: {
    label: 'Shipments',
    explain: 'Shipments you create in Acumatica go to the warehouse. Write-back adds packages and tracking numbers to that shipment.',
  },
} as const;

function initial(view: SettingsView): FormValues {
  const a = view.settings.acumatica;
  return {
    url: a?.url ?? '',
    clientId: a?.clientId ?? '',
    username: a?.username ?? '',
    versionMode: a?.endpointVersion ? 'pinned' : 'auto',
    endpointVersion: a?.endpointVersion ?? '',
    mode: a?.mode ?? 'sales-orders',
    secretExpiresOn: a?.secretExpiresOn ?? '',
    sharedSecret: '',
    password: '',
  };
}

/** The settings this form describes, keeping every other Acumatica setting (maps, limits) as it was. */
function draft(v: FormValues, existing: AcumaticaSettings | undefined): AcumaticaSettings {
  const { endpointVersion: _old, secretExpiresOn: _exp, ...rest } = existing ?? {};
  return acumaticaSettingsSchema.parse({
    ...rest,
    url: v.url.trim(),
    clientId: v.clientId.trim(),
    username: v.username.trim(),
    mode: v.mode,
    ...(v.versionMode === 'pinned' ? { endpointVersion: v.endpointVersion.trim() } : {}),
    ...(v.secretExpiresOn ? { secretExpiresOn: v.secretExpiresOn } : {}),
  });
}

export function AcumaticaStep({ view, onNext }: { view: SettingsView; onNext: () => void }) {
  const run = useCall();
  const qc = useQueryClient();
  const form = useForm<FormValues>({ resolver: zodResolver(formSchema), defaultValues: initial(view), mode: 'onTouched' });
  const { errors, isSubmitting } = form.formState;
  const [saveError, setSaveError] = useState<unknown>(null);
  const saved = view.secretsSaved;
  const clientId = form.watch('clientId');
  const tenant = /@(.+)$/.exec(clientId.trim())?.[1];
  const versionMode = form.watch('versionMode');
  const mode = form.watch('mode');

  /** Secrets are required the first time; afterwards empty means "keep the saved one". */
  const secretsPresent = (v: FormValues): boolean => {
    let ok = true;
    if (!v.sharedSecret && !saved['acumatica.sharedSecret']) {
      form.setError('sharedSecret', { message: 'Enter the shared secret from Acumatica (Connected Applications, SM303010)' });
      ok = false;
    }
    if (!v.password && !saved['acumatica.password']) {
      form.setError('password', { message: 'Enter the password of the Acumatica user' });
      ok = false;
    }
    return ok;
  };

  const test = useMutation({
    mutationFn: (v: FormValues) =>
      run('connection.testAcumatica', {
        settings: draft(v, view.settings.acumatica),
        ...(v.sharedSecret ? { sharedSecret: v.sharedSecret } : {}),
        ...(v.password ? { password: v.password } : {}),
      }),
  });

  const onTest = form.handleSubmit((v) => {
    if (secretsPresent(v)) test.mutate(v);
  });

  const onSave = form.handleSubmit(async (v) => {
    setSaveError(null);
    if (!secretsPresent(v)) return;
    try {
      await run('settings.save', { section: 'acumatica', value: draft(v, view.settings.acumatica) });
      if (v.sharedSecret) await run('secrets.save', { name: 'acumatica.sharedSecret', value: v.sharedSecret });
      if (v.password) await run('secrets.save', { name: 'acumatica.password', value: v.password });
      // The secrets are in the keychain now: clear them from the page.
      form.setValue('sharedSecret', '');
      form.setValue('password', '');
      await qc.invalidateQueries({ queryKey: keys.settings });
      onNext();
    } catch (e) {
      for (const [field, msg] of Object.entries(toErrorInfo(e).fields ?? {})) {
        const name = field.split('.').pop();
        if (name && name in initial(view)) form.setError(name as keyof FormValues, { message: msg });
      }
      setSaveError(e);
    }
  });

  return (
    <form className="form card" noValidate onSubmit={(e) => void onSave(e)} data-testid="wizard-acumatica" aria-labelledby="acu-title">
      <h3 id="acu-title">Acumatica</h3>
      <p>
        In Acumatica, open <strong>Connected Applications</strong> (SM303010), add an application with the flow
        “Resource Owner Password Credentials”, and copy its Client ID and a shared secret here.
      </p>
      <Field id="acu-url" label="Instance URL" error={errors.url?.message} hint="e.g. https://yourcompany.acumatica.com">
        <input id="acu-url" type="url" inputMode="url" {...form.register('url')} aria-invalid={!!errors.url} />
      </Field>
      <Field id="acu-client" label="Client ID" error={errors.clientId?.message}>
        <input id="acu-client" {...form.register('clientId')} aria-invalid={!!errors.clientId} spellCheck={false} />
      </Field>
      <p className="hint" data-testid="tenant">
        Tenant: {tenant ? <strong>{tenant}</strong> : 'shown here from the part of the Client ID after @'}
      </p>
      <SecretField
        id="acu-secret"
        label="Shared secret"
        saved={saved['acumatica.sharedSecret']}
        error={errors.sharedSecret?.message}
        register={form.register('sharedSecret')}
      />
      <Field id="acu-expires" label="Shared secret expires on (optional)" hint="DropStream warns you two weeks before.">
        <input id="acu-expires" type="date" {...form.register('secretExpiresOn')} />
      </Field>
      <Field id="acu-user" label="User name" error={errors.username?.message}>
        <input id="acu-user" autoComplete="username" {...form.register('username')} aria-invalid={!!errors.username} />
      </Field>
      <SecretField id="acu-password" label="Password" saved={saved['acumatica.password']} error={errors.password?.message} register={form.register('password')} />
      <fieldset>
        <legend>Endpoint version</legend>
        <div className="check">
          <input id="acu-v-auto" type="radio" value="auto" {...form.register('versionMode')} />
          <label htmlFor="acu-v-auto">Detect automatically (the newest Default endpoint of the instance)</label>
        </div>
        <div className="check">
          <input id="acu-v-pinned" type="radio" value="pinned" {...form.register('versionMode')} />
          <label htmlFor="acu-v-pinned">Use a fixed version</label>
        </div>
        {versionMode === 'pinned' ? (
          <Field id="acu-version" label="Endpoint version" error={errors.endpointVersion?.message} hint="e.g. 24.200.001">
            <input id="acu-version" {...form.register('endpointVersion')} aria-invalid={!!errors.endpointVersion} />
          </Field>
        ) : null}
      </fieldset>
      <fieldset>
        <legend>What to import</legend>
        {(Object.keys(MODES) as (keyof typeof MODES)[]).map((m) => (
          <div className="check" key={m}>
            <input id={`acu-mode-${m}`} type="radio" value={m} {...form.register('mode')} aria-describedby={`acu-mode-${m}-explain`} />
            <label htmlFor={`acu-mode-${m}`}>
              {MODES[m].label}
              {m === 'sales-orders' ? ' (usual)' : ''}
            </label>
            <small id={`acu-mode-${m}-explain`} className={`hint ${mode === m ? 'chosen' : ''}`}>
              {MODES[m].explain}
            </small>
          </div>
        ))}
      </fieldset>
      <div className="controls">
        <button type="button" data-testid="acu-test" onClick={() => void onTest()} disabled={test.isPending}>
          {test.isPending ? 'Testing…' : 'Test connection'}
        </button>
        <button type="submit" data-testid="acu-save" disabled={isSubmitting}>
          Save and continue
        </button>
      </div>
      {test.isPending ? <p role="status">Testing the connection…</p> : null}
      {test.data ? <CheckList results={test.data} testId="acu-checks" /> : null}
      {test.isError ? <ErrorBox title="The test could not run" error={test.error} /> : null}
      {saveError ? <ErrorBox title="The Acumatica settings were not saved" error={saveError} /> : null}
    </form>
  );
}
