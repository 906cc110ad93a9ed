// The browser shell's login: the access token printed by `dropstream serve`.
import { useEffect, useState } from 'react';

export function Login({ problem, onLogin }: { problem: string | null; onLogin: (token: string) => Promise<boolean> }) {
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | null>(problem);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    document.documentElement.dataset.appState = 'ready';
  }, []);
  return (
    <main className="login" data-testid="login">
      <h1>DropStream for Acumatica</h1>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!token.trim()) {
            setError('Enter the access token printed by dropstream serve.');
            return;
          }
          setBusy(true);
          onLogin(token.trim())
            .then((ok) => {
              if (!ok) setError('That token was not accepted. Copy it again from the window where dropstream serve runs.');
            })
            .catch(() => setError('The DropStream server did not answer. Check that "dropstream serve" is running.'))
            .finally(() => setBusy(false));
        }}
      >
        <label htmlFor="token">The access token printed by dropstream serve</label>
        <input id="token" name="token" type="password" autoComplete="off" value={token} onChange={(e) => setToken(e.target.value)} autoFocus />
        {error ? (
          <p role="alert" className="field-error">
            {error}
          </p>
        ) : null}
        <button type="submit" disabled={busy}>
          Sign in
        </button>
      </form>
    </main>
  );
}
