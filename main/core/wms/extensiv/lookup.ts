// Finding orders by referenceNum (RQL). POST /orders is not idempotent, so this is what keeps a retried create from
// making a second order. A split order's parts carry "-1", "-2" suffixes: they are found with a wildcard.
import type { ExtensivClient } from './client.js';
import type { ExtensivSettings } from './settings.js';
import { parseOrderPage, type ExtensivOrder } from './wire.js';

const SAFE = /^[A-Za-z0-9_.\-/]+$/;

/** An RQL string value: bare when it has only plain characters, otherwise double-quoted (FIQL style). */
export function rqlValue(value: string): string {
  return SAFE.test(value) ? value : `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

export function scopeRql(settings: Pick<ExtensivSettings, 'customerId' | 'facilityId'>): string {
  return `readOnly.customerIdentifier.id==${settings.customerId};readOnly.facilityIdentifier.id==${settings.facilityId}`;
}

export interface ReferenceMatches {
  /** Orders whose referenceNum is the reference itself (more than one means a duplicate was created). */
  exact: ExtensivOrder[];
  /** Split parts: referenceNum = reference + "-<n>". */
  parts: ExtensivOrder[];
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export async function findByReference(
  client: ExtensivClient,
  settings: Pick<ExtensivSettings, 'customerId' | 'facilityId'>,
  ref: string,
  detail = 'None',
): Promise<ReferenceMatches> {
  // Names and values are case-insensitive in RQL and `*` is a wildcard: the answer is filtered here exactly.
  const filter = SAFE.test(ref) ? `referenceNum==${ref}*` : `referenceNum==${rqlValue(ref)}`;
  const rql = `${filter};${scopeRql(settings)}`;
  const pgsiz = 100;
  const found: ExtensivOrder[] = [];
  for (let pgnum = 1; pgnum <= 50; pgnum++) {
    const res = await client.request({ method: 'GET', path: '/orders', query: { pgsiz, pgnum, detail, rql } });
    const page = parseOrderPage(res.data, `orders with reference ${ref}`);
    found.push(...page.orders);
    if (page.orders.length === 0 || pgnum * pgsiz >= page.totalResults) break;
  }
  const lower = ref.toLowerCase();
  const partPattern = new RegExp(`^${escapeRegExp(ref)}-(\\d+)$`, 'i');
  const byId = new Map(found.map((o) => [o.readOnly.orderId, o]));
  const all = [...byId.values()].sort((a, b) => a.readOnly.orderId - b.readOnly.orderId);
  return {
    exact: all.filter((o) => (o.referenceNum ?? '').trim().toLowerCase() === lower),
    parts: all.filter((o) => partPattern.test((o.referenceNum ?? '').trim())),
  };
}
