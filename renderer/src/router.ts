// A tiny hash router: the address says which screen is open, so Back works and tests can deep-link.
import { useCallback, useEffect, useState } from 'react';
import type { OrderState } from '../../main/ipc/views.js';
import { QUEUE_TABS } from './states.js';

export type Route =
  | { name: 'dashboard' }
  | { name: 'wizard' }
  | { name: 'queues'; state: OrderState }
  | { name: 'order'; ref: string }
  | { name: 'failed' }
  | { name: 'sku' }
  | { name: 'activity' }
  | { name: 'reconcile' }
  | { name: 'settings' };

export function parseRoute(hash: string): Route | null {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean);
  const [head, arg] = parts;
  switch (head) {
    case 'dashboard':
      return { name: 'dashboard' };
    case 'wizard':
      return { name: 'wizard' };
    case 'queues': {
      const state = QUEUE_TABS.find((s) => s === arg) ?? 'awaiting-wms';
      return { name: 'queues', state };
    }
    case 'orders':
      return arg ? { name: 'order', ref: decodeURIComponent(arg) } : { name: 'queues', state: 'awaiting-wms' };
    case 'failed':
      return { name: 'failed' };
    case 'sku':
      return { name: 'sku' };
    case 'activity':
      return { name: 'activity' };
    case 'reconcile':
      return { name: 'reconcile' };
    case 'settings':
      return { name: 'settings' };
    default:
      return null;
  }
}

export function routeHash(route: Route): string {
  switch (route.name) {
    case 'queues':
      return `#/queues/${route.state}`;
    case 'order':
      return `#/orders/${encodeURIComponent(route.ref)}`;
    default:
      return `#/${route.name}`;
  }
}

/** The current route (null = none chosen yet: the app picks the start screen). */
export function useRoute(): [Route | null, (r: Route) => void] {
  const [route, setRoute] = useState<Route | null>(() => parseRoute(window.location.hash));
  useEffect(() => {
    const onHash = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  const go = useCallback((r: Route) => {
    const hash = routeHash(r);
    if (window.location.hash !== hash) window.location.hash = hash;
    setRoute(r);
  }, []);
  return [route, go];
}
