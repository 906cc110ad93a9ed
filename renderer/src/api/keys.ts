// Query keys, so live events can invalidate exactly what they touch.
import type { RequestInput } from '../../../main/ipc/contract.js';

export const keys = {
  status: ['status'] as const,
  appInfo: ['app-info'] as const,
  settings: ['settings'] as const,
  orders: ['orders'] as const,
  ordersPage: (params: RequestInput<'orders.list'>, page: number) => ['orders', 'list', params, page] as const,
  failed: ['orders', 'failed'] as const,
  order: (ref: string) => ['order', ref] as const,
  sku: ['sku'] as const,
  skuList: (search: string) => ['sku', 'list', search] as const,
  skuHeld: ['sku', 'held'] as const,
  activity: ['activity'] as const,
  reconcile: ['reconcile'] as const,
};
