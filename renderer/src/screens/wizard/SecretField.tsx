// A secret input: typed once, sent straight to the keychain, never shown again. When one is saved it says so.
import type { UseFormRegisterReturn } from 'react-hook-form';
import { Field } from '../../components/Field.js';

export function SecretField({
  id,
  label,
  saved,
  error,
  register,
  multiline,
  hint,
}: {
  id: string;
  label: string;
  saved: boolean;
  error?: string | undefined;
  register: UseFormRegisterReturn;
  multiline?: boolean;
  hint?: string;
}) {
  return (
    <Field id={id} label={label} error={error} hint={saved ? 'Saved in the keychain. Leave empty to keep it, or type a new one to replace it.' : hint}>
      {multiline ? (
        <textarea id={id} rows={4} autoComplete="off" spellCheck={false} {...register} aria-invalid={!!error} />
      ) : (
        <input id={id} type="password" autoComplete="new-password" {...register} aria-invalid={!!error} />
      )}
      {saved ? (
        <span className="badge ok" data-testid={`${id}-saved`}>
          saved
        </span>
      ) : null}
    </Field>
  );
}
