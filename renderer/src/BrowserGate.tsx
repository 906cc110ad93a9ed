// The browser shell: logs in with the token from the address (#token=...) or asks for it, then starts the app.
import { useEffect, useMemo, useState } from 'react';
import { Root } from './App.js';
import type { HttpSession } from './api/http.js';
import { createHttpApi, tokenFromHash } from './api/http.js';
import { Login } from './screens/Login.js';

type Phase = 'checking' | 'login' | 'in';

export function BrowserGate({ session }: { session: HttpSession }) {
  const [phase, setPhase] = useState<Phase>('checking');
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    void (async () => {
      try {
        const token = tokenFromHash(window.location.hash);
        if (token) {
          // The token must not stay in the address bar or the history.
          window.history.replaceState(null, '', window.location.pathname + window.location.search);
          if (!(await session.login(token))) setProblem('The token in the link was not accepted. Enter the access token printed by dropstream serve.');
        }
        const ok = await session.check();
        if (!cancelled) setPhase(ok ? 'in' : 'login');
      } catch {
        if (!cancelled) {
          setProblem('The DropStream server did not answer. Check that "dropstream serve" is running, then reload this page.');
          setPhase('login');
        }
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [session]);

  const api = useMemo(() => (phase === 'in' ? createHttpApi({ onUnauthorized: () => setPhase('login') }) : null), [phase]);
  useEffect(() => () => api?.close(), [api]);

  if (phase === 'checking') return <p role="status">Connecting…</p>;
  if (phase === 'login' || !api)
    return (
      <Login
        problem={problem}
        onLogin={async (token) => {
          const ok = await session.login(token);
          if (ok) {
            setProblem(null);
            setPhase('in');
          }
          return ok;
        }}
      />
    );
  return <Root api={api} />;
}
