// Shows an exact payload as formatted JSON, collapsible, with a copy button.
export function Json({ label, value, testId }: { label: string; value: unknown; testId?: string }) {
  const text = value === undefined || value === null ? 'Not prepared yet.' : JSON.stringify(value, null, 2);
  return (
    <details className="json" data-testid={testId}>
      <summary>{label}</summary>
      <button type="button" onClick={() => void navigator.clipboard?.writeText(text)}>
        Copy
      </button>
      <pre tabIndex={0}>{text}</pre>
    </details>
  );
}
