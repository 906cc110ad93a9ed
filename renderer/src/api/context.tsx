// Gives every screen the API picked at start-up, and a typed `useCall` shortcut.
import { createContext, useCallback, useContext } from 'react';
import type { ReactNode } from 'react';
import type { Channel, RequestInput, RequestResult } from '../../../main/ipc/contract.js';
import { call } from './call.js';
import type { UiApi } from './types.js';

const ApiContext = createContext<UiApi | null>(null);

export function ApiProvider({ api, children }: { api: UiApi; children: ReactNode }) {
  return <ApiContext.Provider value={api}>{children}</ApiContext.Provider>;
}

export function useApi(): UiApi {
  const api = useContext(ApiContext);
  if (!api) throw new Error('useApi outside ApiProvider');
  return api;
}

/** `const run = useCall(); await run('orders.retry', { refs })` — throws ApiError on failure. */
export function useCall() {
  const api = useApi();
  return useCallback(
    <C extends Channel>(channel: C, input: RequestInput<C>): Promise<RequestResult<C>> => call(api, channel, input),
    [api],
  );
}
