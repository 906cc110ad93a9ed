// Wizard step 2: the warehouse. File exchange (CSV or X12, a folder or SFTP) or Extensiv, with its own test.
// The WMS test uses saved secrets, so a typed secret is saved to the keychain before testing.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { SecretName, SettingsView } from '../../../../main/ipc/views.js';
import { useCall } from '../../api/context.js';
import { keys } from '../../api/keys.js';
import { CheckList } from '../../components/CheckList.js';
import { ErrorBox } from '../../components/ErrorBox.js';
import { Field } from '../../components/Field.js';
import { SecretField } from './SecretField.js';
import type { WmsForm } from './wmsForm.js';
import { buildWms, initialWmsForm, wmsResolver } from './wmsForm.js';

export function WmsStep({ view, onBack, onNext }: { view: SettingsView; onBack: () => void; onNext: () => void }) {
  const run = useCall();
  const qc = useQueryClient();
  const existing = view.settings.wms;
  const form = useForm<WmsForm>({ resolver: wmsResolver(existing), defaultValues: initialWmsForm(existing) });
  const { errors, isSubmitting } = form.formState;
  const [saveError, setSaveError] = useState<unknown>(null);
  const [justSaved, setJustSaved] = useState<Partial<Record<SecretName, boolean>>>({});
  const saved = { ...view.secretsSaved, ...justSaved };
  const v = form.watch();

  /** The secret this configuration needs, the field it is typed in, and whether one must still be given. */
  const secret = (f: WmsForm): { name: Exclude<SecretName, 'acumatica.refreshToken'>; field: 'sftpPassword' | 'privateKey' | 'clientSecret'; message: string } | null => {
    if (f.adapter === 'file' && f.transport === 'sftp')
      return f.auth === 'password'
        ? { name: 'wms.sftp.password', field: 'sftpPassword', message: 'Enter the SFTP password' }
        : { name: 'wms.sftp.privateKey', field: 'privateKey', message: 'Paste the SFTP private key' };
    if (f.adapter === 'extensiv') return { name: 'wms.extensiv.clientSecret', field: 'clientSecret', message: 'Enter the Extensiv client secret' };
    return null;
  };

  /** Saves a typed secret (clearing it from the page); false when one is still missing. */
  const storeSecret = async (f: WmsForm): Promise<boolean> => {
    const s = secret(f);
    if (!s) return true;
    const typed = f[s.field];
    if (typed) {
      await run('secrets.save', { name: s.name, value: typed });
      form.setValue(s.field, '');
      setJustSaved((old) => ({ ...old, [s.name]: true }));
      void qc.invalidateQueries({ queryKey: keys.settings });
      return true;
    }
    if (saved[s.name]) return true;
    form.setError(s.field, { message: s.message });
    return false;
  };

  const test = useMutation({
    mutationFn: async (f: WmsForm) => {
      const built = buildWms(f, existing);
      if (!('settings' in built)) return null;
      if (!(await storeSecret(f))) return null;
      return run('connection.testWms', { settings: built.settings });
    },
  });

  const onSave = form.handleSubmit(async (f) => {
    setSaveError(null);
    const built = buildWms(f, existing);
    if (!('settings' in built)) return;
    try {
      if (!(await storeSecret(f))) return;
      await run('settings.save', { section: 'wms', value: built.settings });
      await qc.invalidateQueries({ queryKey: keys.settings });
      onNext();
    } catch (e) {
      setSaveError(e);
    }
  });

  const s = secret(v);
  return (
    <form className="form card" noValidate onSubmit={(e) => void onSave(e)} data-testid="wizard-wms" aria-labelledby="wms-title">
      <h3 id="wms-title">Warehouse</h3>
      <Field id="wms-adapter" label="How DropStream talks to the warehouse" error={errors.adapter?.message}>
        <select id="wms-adapter" {...form.register('adapter')}>
          {view.wmsAdapters
            .filter((a) => a.offered === 'always' || existing?.adapter === a.id || v.adapter === a.id)
            .map((a) => (
              <option key={a.id} value={a.id}>
                {a.label}
              </option>
            ))}
        </select>
      </Field>
      {v.adapter === 'file' ? (
        <>
          <Field id="wms-format" label="File format">
            <select id="wms-format" {...form.register('format')}>
              <option value="csv">CSV files</option>
              <option value="x12">X12 EDI (940 out, 945 back)</option>
            </select>
          </Field>
          <fieldset>
            <legend>Where the files are exchanged</legend>
            <div className="check">
              <input id="wms-t-folder" type="radio" value="folder" {...form.register('transport')} />
              <label htmlFor="wms-t-folder">A folder on this computer or the network</label>
            </div>
            <div className="check">
              <input id="wms-t-sftp" type="radio" value="sftp" {...form.register('transport')} />
              <label htmlFor="wms-t-sftp">An SFTP server</label>
            </div>
          </fieldset>
          {v.transport === 'folder' ? (
            <Field id="wms-dir" label="Exchange folder (holds in/ and out/)" error={errors.dir?.message}>
              <input id="wms-dir" {...form.register('dir')} aria-invalid={!!errors.dir} />
            </Field>
          ) : (
            <>
              <Field id="wms-host" label="SFTP host" error={errors.host?.message}>
                <input id="wms-host" {...form.register('host')} aria-invalid={!!errors.host} />
              </Field>
              <Field id="wms-port" label="Port" error={errors.port?.message}>
                <input id="wms-port" inputMode="numeric" {...form.register('port')} aria-invalid={!!errors.port} />
              </Field>
              <Field id="wms-user" label="SFTP user name" error={errors.sftpUser?.message}>
                <input id="wms-user" {...form.register('sftpUser')} aria-invalid={!!errors.sftpUser} />
              </Field>
              <Field id="wms-root" label="Folder on the server" error={errors.root?.message}>
                <input id="wms-root" {...form.register('root')} />
              </Field>
              <Field id="wms-auth" label="Sign in with">
                <select id="wms-auth" {...form.register('auth')}>
                  <option value="password">Password</option>
                  <option value="key">Private key</option>
                </select>
              </Field>
            </>
          )}
        </>
      ) : null}
      {v.adapter === 'extensiv' ? (
        <>
          <Field id="wms-base" label="Extensiv API address" error={errors.baseUrl?.message}>
            <input id="wms-base" type="url" {...form.register('baseUrl')} aria-invalid={!!errors.baseUrl} />
          </Field>
          <Field id="wms-exclient" label="Client id" error={errors.exClientId?.message}>
            <input id="wms-exclient" {...form.register('exClientId')} aria-invalid={!!errors.exClientId} />
          </Field>
          <Field id="wms-login" label="API user (login name, or numeric user id)" error={errors.userLoginId?.message}>
            <input id="wms-login" {...form.register('userLoginId')} aria-invalid={!!errors.userLoginId} />
          </Field>
          <Field id="wms-customer" label="Customer id" error={errors.customerId?.message}>
            <input id="wms-customer" inputMode="numeric" {...form.register('customerId')} aria-invalid={!!errors.customerId} />
          </Field>
          <Field id="wms-facility" label="Facility id" error={errors.facilityId?.message}>
            <input id="wms-facility" inputMode="numeric" {...form.register('facilityId')} aria-invalid={!!errors.facilityId} />
          </Field>
          <Field id="wms-tpl" label="3PL key (optional)">
            <input id="wms-tpl" {...form.register('tpl')} />
          </Field>
        </>
      ) : null}
      {s ? (
        <SecretField
          id={`wms-${s.field}`}
          label={s.field === 'sftpPassword' ? 'SFTP password' : s.field === 'privateKey' ? 'SFTP private key (PEM)' : 'Client secret'}
          saved={!!saved[s.name]}
          error={errors[s.field]?.message}
          register={form.register(s.field)}
          multiline={s.field === 'privateKey'}
        />
      ) : null}
      <div className="controls">
        <button type="button" onClick={onBack}>
          Back
        </button>
        <button type="button" data-testid="wms-test" disabled={test.isPending} onClick={() => void form.handleSubmit((f) => test.mutate(f))()}>
          {test.isPending ? 'Testing…' : 'Test the warehouse connection'}
        </button>
        <button type="submit" data-testid="wms-save" disabled={isSubmitting}>
          Save and continue
        </button>
      </div>
      {test.data ? <CheckList results={test.data} testId="wms-checks" /> : null}
      {test.isError ? <ErrorBox title="The test could not run" error={test.error} /> : null}
      {saveError ? <ErrorBox title="The warehouse settings were not saved" error={saveError} /> : null}
    </form>
  );
}
