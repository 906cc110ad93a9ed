// The connection state shown to the user, with listeners told of every change.
import type { AcumaticaConnection } from './gateway.js';

export interface ConnectionHolder {
  get(): AcumaticaConnection;
  set(next: AcumaticaConnection): void;
  subscribe(listener: (c: AcumaticaConnection) => void): () => void;
}

function same(a: AcumaticaConnection, b: AcumaticaConnection): boolean {
  return (
    a.state === b.state &&
    a.message === b.message &&
    a.credential === b.credential &&
    a.serverMessage === b.serverMessage &&
    a.retryAt === b.retryAt &&
    a.endpointVersion === b.endpointVersion &&
    a.warning === b.warning
  );
}

export function createConnectionHolder(initial: AcumaticaConnection): ConnectionHolder {
  let current = initial;
  const listeners = new Set<(c: AcumaticaConnection) => void>();
  return {
    get: () => ({ ...current }),
    set(next) {
      if (same(current, next)) return;
      current = next;
      for (const l of [...listeners]) l({ ...next });
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}
