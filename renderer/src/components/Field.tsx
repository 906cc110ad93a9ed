// A labelled form control with its hint and its error, linked for screen readers.
export function Field({
  label,
  error,
  id,
  children,
  hint,
}: {
  label: string;
  error?: string | undefined;
  id: string;
  children: React.ReactNode;
  hint?: string;
}) {
  return (
    <div className={`field ${error ? 'has-error' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children}
      {hint ? (
        <small className="hint" id={`${id}-hint`}>
          {hint}
        </small>
      ) : null}
      {error ? (
        <span className="field-error" role="alert" id={`${id}-error`}>
          {error}
        </span>
      ) : null}
    </div>
  );
}
