// Finding orders by referenceNum (RQL). POST /orders is not idempotent, so this is what keeps a retried create from
// making a second order. A split order's parts carry "-1", "-2" suffixes: they are found with a wildcard.
//
// Rels/rql documents no quoting or escaping of values, and `;` `,` `(` `)` `=` `!` are its syntax; `*` is its only
// pattern, documented as `x*`, `*x` and `*x*`. So a reference is never quoted: one with other characters is asked
// for by its longest run of plain characters with `*` around it, and the answer is filtered here exactly.
import { AppError } from '../../errors.js';
import type { ExtensivClient } from './client.js';
import type { ExtensivSettings } from './settings.js';
import { parseOrderPage, type ExtensivOrder } from './wire.js';

/** Characters an RQL value carries as themselves (ASCII letters, digits and a few marks that are not RQL syntax). */
const PLAIN_RUN = /[A-Za-z0-9_.\-/]+/g;

/**
 * The RQL pattern that finds `ref` and its split parts: `ref*` when it is all plain characters, else its longest
 * plain run with the documented wildcards (`run*` at the start, `*run*` inside). Refused when it has no plain
 * character at all: such an order could not be found again, so a retried create could make it twice.
 */
export function referencePattern(ref: string): string {
  const runs = [...ref.matchAll(PLAIN_RUN)];
  if (runs.length === 1 && runs[0]?.[0] === ref) return `${ref}*`;
  const longest = runs.filter((m) => /[A-Za-z0-9]/.test(m[0])).reduce<RegExpExecArray | RegExpMatchArray | undefined>((best, m) => (!best || m[0].length > best[0].length ? m : best), undefined);
  if (!longest) {
    throw new AppError(
      'business',
      `Order reference "${ref}" has no letter or digit Extensiv's query language (RQL) can search for, so the app could not tell whether it is already at Extensiv. Give the order a reference with letters or digits.`,
      { fields: { ref } },
    );
  }
  return longest.index === 0 ? `${longest[0]}*` : `*${longest[0]}*`;
}

const MAX_LOOKUP_PAGES = 20;

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
  const rql = `referenceNum==${referencePattern(ref)};${scopeRql(settings)}`;
  const pgsiz = 1000;
  const found: ExtensivOrder[] = [];
  for (let pgnum = 1; ; pgnum++) {
    const res = await client.request({ method: 'GET', path: '/orders', query: { pgsiz, pgnum, detail, rql } });
    const page = parseOrderPage(res.data, `orders with reference ${ref}`);
    found.push(...page.orders);
    if (page.orders.length === 0 || pgnum * pgsiz >= page.totalResults) break;
    if (pgnum >= MAX_LOOKUP_PAGES) {
      // Stopping here could miss the order itself and create it twice: say so instead.
      throw new AppError('business', `Looking up order ${ref} at Extensiv matched more than ${MAX_LOOKUP_PAGES * pgsiz} orders (${rql}); the app cannot tell whether it is already there. Give it a more distinctive reference.`);
    }
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
