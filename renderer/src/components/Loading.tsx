// The loading state of a screen or panel: announced to screen readers.
export function Loading({ what }: { what: string }) {
  return (
    <p className="loading" role="status" aria-live="polite" data-testid="loading">
      Loading {what}…
    </p>
  );
}

export function Empty({ children }: { children: React.ReactNode }) {
  return (
    <p className="empty" data-testid="empty">
      {children}
    </p>
  );
}
