// Reading a whole list from the contract-based API, page by page, by key: each page asks for the records after the
// last key of the previous one (`OrderNbr gt '…'`), so records that leave or join the set between pages (an order
// shipped by this app, a new one entered) never shift the window the way `$skip` does. The server returns list
// records in key order (there is no $orderby); batches by key are the documented pattern for exports
// (`$top=10&$filter=InventoryID gt '<last>'`, riptutorial.com/acumatica "implementing pagination on multiple rest
// requests"), and `$skip` counts over the set as it is at each request (Integration Development Guide, "Parameters for
// Retrieving Records": $skip is applied first, no total count, page until a page is shorter than $top).
//
// When the server refuses the list query because it cannot optimize it (CannotOptimizeException, "Optimization
// cannot be performed", HTTP 500; body as reported in Acumatica/AcumaticaRESTAPIClientForCSharp issue #12; from
// contract version 3 on the server answers this error instead of a slow export: detail entities in $expand with a
// filter the optimized export cannot handle), the same pages are read as keys only, and each record is then read by
// its key with the details (a GET by key takes $expand and $select, and is not an optimized export).
import { z } from 'zod';
import { AppError } from '../errors.js';
import type { Api } from './api.js';
import { isNoEntity } from './classify.js';
import { allOf, keySegment, literal, queryString } from './odata.js';
import { expandOf, selectOf, type FieldTree } from './query-fields.js';

export interface ListSpec {
  entity: 'SalesOrder' | 'Shipment';
  /** The $filter without the paging condition. */
  filter: string;
  fields: FieldTree;
  /** Key fields in key order. */
  key: readonly string[];
  pageSize: number;
}

export interface ListDeps {
  api: Api;
  base: string;
  signal?: AbortSignal | undefined;
  /** Set to true once the server refused the one-query form; later reads go straight to keys-then-records. */
  keysFirst: { value: boolean };
}

const page = z.array(z.unknown());
const wrappedText = z.object({ value: z.string().nullish() }).loose().nullish();

/**
 * The paging condition after `last`: for one key `K gt 'v'`; for two, `(K1 gt 'a' or (K1 eq 'a' and K2 gt 'b'))`,
 * so the pages also run in order across order types.
 */
export function keyAfter(key: readonly string[], last: readonly string[]): string {
  const parts: string[] = [];
  for (let i = 0; i < key.length; i++) {
    const equal = key.slice(0, i).map((k, j) => `${k} eq ${literal(last[j] ?? '')}`);
    const term = allOf(...equal, `${key[i]} gt ${literal(last[i] ?? '')}`);
    parts.push(equal.length ? `(${term})` : term);
  }
  return parts.length === 1 ? (parts[0] ?? '') : `(${parts.join(' or ')})`;
}

/** True for the server's refusal of a list query it cannot optimize (HTTP 500, PX.Api.ContractBased.OptimizedExport.CannotOptimizeException). */
export function isCannotOptimize(e: unknown): boolean {
  return e instanceof AppError && /CannotOptimize|Optimization cannot be performed/i.test(`${e.serverMessage ?? ''} ${e.message}`);
}

/** The record's key, or null when a key field is missing or not text (the mapper then skips it with a reason). */
function keyOf(raw: unknown, key: readonly string[]): string[] | null {
  const rec = raw !== null && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  const out: string[] = [];
  for (const k of key) {
    const v = wrappedText.safeParse(rec[k]);
    const text = v.success ? (v.data?.value ?? '').trim() : '';
    if (!text) return null;
    out.push(text);
  }
  return out;
}

async function getList(deps: ListDeps, spec: ListSpec, params: Record<string, string | number>): Promise<unknown[]> {
  const res = await deps.api.call({ method: 'GET', path: `${deps.base}/${spec.entity}${queryString(params)}`, ...(deps.signal ? { signal: deps.signal } : {}) });
  const parsed = page.safeParse(res.data);
  if (!parsed.success) throw new AppError('business', `Acumatica answered the ${spec.entity} list with something that is not a list: check the Instance URL.`);
  return parsed.data;
}

async function byKey(deps: ListDeps, spec: ListSpec, key: string[], params: Record<string, string>): Promise<unknown> {
  try {
    const path = `${deps.base}/${spec.entity}/${key.map(keySegment).join('/')}${queryString(params)}`;
    return (await deps.api.call({ method: 'GET', path, ...(deps.signal ? { signal: deps.signal } : {}) })).data;
  } catch (e) {
    if (isNoEntity(e)) return null; // deleted between the two reads: nothing to import
    throw e;
  }
}

/** Every record of the list, one page at a time. */
export async function* listByKey(deps: ListDeps, spec: ListSpec): AsyncGenerator<unknown[]> {
  const $expand = expandOf(spec.fields);
  const $select = selectOf(spec.fields);
  let after: string[] | null = null;
  for (;;) {
    if (deps.signal?.aborted) throw new AppError('transient', 'The import was stopped before it finished; the next poll starts it again.');
    const $filter = allOf(spec.filter, after ? keyAfter(spec.key, after) : '');
    let records: unknown[];
    let keys: (string[] | null)[];
    if (!deps.keysFirst.value) {
      try {
        records = await getList(deps, spec, { $filter, $expand, $select, $top: spec.pageSize });
      } catch (e) {
        if (!isCannotOptimize(e)) throw e;
        deps.keysFirst.value = true;
        continue;
      }
      keys = records.map((r) => keyOf(r, spec.key));
    } else {
      keys = (await getList(deps, spec, { $filter, $select: spec.key.join(','), $top: spec.pageSize })).map((r) => keyOf(r, spec.key));
      const full = await Promise.all(keys.flatMap((k) => (k ? [byKey(deps, spec, k, { $expand, $select })] : [])));
      records = full.filter((r) => r !== null);
    }
    yield records;
    if (keys.length < spec.pageSize) return;
    const last = keys.findLast((k) => k !== null);
    if (!last) throw new AppError('business', `Acumatica sent a whole page of ${spec.entity} records without readable keys: check that the endpoint is the standard Default one.`);
    if (after && last.join('\u0000') === after.join('\u0000')) {
      throw new AppError('business', `Acumatica returned the same ${spec.entity} page twice while paging by key: report this to support.`);
    }
    after = last;
  }
}
