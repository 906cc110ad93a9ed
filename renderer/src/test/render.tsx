// Renders a screen with the providers the app gives it: the API, a fresh query client, navigation, live updates.
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { vi } from 'vitest';
import { ApiProvider } from '../api/context.js';
import { useLiveUpdates } from '../api/live.js';
import { NavContext } from '../nav.js';
import type { FakeApi } from './fake-api.js';

function Live({ children }: { children: ReactNode }) {
  useLiveUpdates();
  return <>{children}</>;
}

export function renderWith(api: FakeApi, ui: ReactNode) {
  const qc = new QueryClient({ defaultOptions: { queries: { retry: false, gcTime: Infinity }, mutations: { retry: false } } });
  const navigate = vi.fn();
  const result = render(
    <ApiProvider api={api}>
      <QueryClientProvider client={qc}>
        <NavContext.Provider value={navigate}>
          <Live>{ui}</Live>
        </NavContext.Provider>
      </QueryClientProvider>
    </ApiProvider>,
  );
  return { ...result, qc, navigate };
}

/** A promise the test resolves when it wants: for loading states. */
export function deferred<T>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}
