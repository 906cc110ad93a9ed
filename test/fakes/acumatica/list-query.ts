// GET /{Entity} list requests as a real instance answers them, the part that matters for reading large lists:
//  - records come back in key order (OrderType, OrderNbr / ShipmentNbr): there is no $orderby, and clients page by
//    key with `$top=N&$filter=Key gt '<last key>'` (the batch pattern of Acumatica's own REST examples);
//  - $skip is applied before $top, over the set as it is at the time of each request, so records that leave or join
//    the set between two pages shift the window (Integration Development Guide, "Parameters for Retrieving Records");
//  - a list that expands detail entities (Details, Packages…) is served by the optimized export, which refuses some
//    filters: HTTP 500 PX.Api.ContractBased.OptimizedExport.CannotOptimizeException, "Optimization cannot be
//    performed.The following fields cause the error:\r\n<Field>: <reason>\r\n" (body as reported in
//    Acumatica/AcumaticaRESTAPIClientForCSharp issue #12; contract version 3+ answers an error instead of falling back
//    to a slow export, per the vendor's contract comparison). Which filters are affected depends on the instance
//    (customisations, BQL delegates), so the double is told which filter fields to refuse;
//  - $select names fields with paths from the top-level entity (`Details/InventoryID`); see wire.ts.
import { FilterError, filterFields, literalsWithoutOffset, matches, parseFilter } from './filter.js';
import type { Answer } from './store.js';
import { parseList, toWire } from './wire.js';

export type ListEntity = 'SalesOrder' | 'Shipment';

export interface ListRules {
  /** Filter fields the optimized export cannot handle, per entity (default: none). */
  nonOptimizable: Partial<Record<ListEntity, string[]>>;
}

const keys: Record<ListEntity, string[]> = { SalesOrder: ['OrderType', 'OrderNbr'], Shipment: ['ShipmentNbr'] };
/** Detail entities (lists) per entity in Default 24.200.001; linked entities (ShipToAddress…) do not count. */
const detailEntities: Record<ListEntity, string[]> = { SalesOrder: ['Details', 'Shipments'], Shipment: ['Details', 'Orders', 'Packages'] };

const keyText = (rec: Record<string, unknown>, k: string): string => {
  const v = rec[k];
  return typeof v === 'string' ? v.trim().toUpperCase() : '';
};

/** Key order as the database sorts it (case-insensitive, trailing spaces ignored). */
export function byKey(entity: ListEntity): (a: object, b: object) => number {
  return (a, b) => {
    for (const k of keys[entity]) {
      const x = keyText(a as Record<string, unknown>, k);
      const y = keyText(b as Record<string, unknown>, k);
      if (x !== y) return x < y ? -1 : 1;
    }
    return 0;
  };
}

function cannotOptimize(fields: string[]): Answer {
  return {
    status: 500,
    body: {
      message: 'An error has occurred.',
      exceptionMessage: `Optimization cannot be performed.The following fields cause the error:\r\n${fields.map((f) => `${f}: View Filter has BQL delegate`).join('\r\n')}\r\n`,
      exceptionType: 'PX.Api.ContractBased.OptimizedExport.CannotOptimizeException',
      stackTrace: '   at PX.Api.ContractBased.OptimizedExport.NotWorkingOptimizedExportProvider.get_CanOptimize()\r\n   at PX.Api.ContractBased.EntityService.GetList(...)',
    },
  };
}

function count(query: URLSearchParams, name: string): number | undefined {
  if (!query.has(name)) return undefined;
  const n = Number(query.get(name));
  if (!Number.isInteger(n) || n < 0) throw new FilterError(`The ${name} value "${query.get(name)}" is not a whole number.`);
  return n;
}

export function answerList(
  entity: ListEntity,
  records: readonly object[],
  query: URLSearchParams,
  ctx: { rules: ListRules; selfOf: (rec: object) => string; onLooseDates: (n: number) => void },
): Answer {
  const expand = parseList(query.get('$expand') ?? undefined) ?? new Set<string>();
  const select = parseList(query.get('$select') ?? undefined);
  const filter = query.get('$filter');
  let selected = [...records].sort(byKey(entity));
  if (filter) {
    const tree = parseFilter(filter);
    ctx.onLooseDates(literalsWithoutOffset(tree));
    const details = [...expand].some((path) => detailEntities[entity].includes(path.split('/')[0] ?? ''));
    const refused = [...filterFields(tree)].filter((f) => ctx.rules.nonOptimizable[entity]?.includes(f));
    if (details && refused.length > 0) return cannotOptimize(refused);
    selected = selected.filter((r) => matches(tree, r as Record<string, unknown>));
  }
  const skip = count(query, '$skip') ?? 0;
  const top = count(query, '$top');
  const page = selected.slice(skip, top === undefined ? undefined : skip + top);
  return { status: 200, body: page.map((r, i) => toWire(r, { expand, select, rowNumber: skip + i + 1, self: ctx.selfOf(r) })) };
}
