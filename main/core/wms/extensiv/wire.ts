// Extensiv's order resources as read from the API, parsed at the edge. With Accept: application/hal+json the API
// answers camelCase with HAL envelopes; PascalCase answers (ResourceList, ReadOnly) are folded to the same shape.
import { z } from 'zod';
import { AppError } from '../../errors.js';

/** The HAL rel of an order in a list, spelled as Extensiv spells it (capital C). */
export const ORDER_REL = 'http://api.3plCentral.com/rels/orders/order';
export const ITEM_REL = 'http://api.3plCentral.com/rels/orders/item';

const num = z.coerce.number().nullish();
const str = z.string().nullish();
const identifier = z.object({ id: num, name: str }).loose();

const packageContent = z
  .object({ packageContentId: num, orderItemId: num, qty: num, lotNumber: str, serialNumber: str, serialNumbers: z.array(z.string()).nullish() })
  .loose();

/** An SSCC as text: the JSON number Extensiv sends was kept as its digits by parseApiJson. */
const digits = z.union([z.string(), z.number()]).nullish();

const orderPackage = z
  .object({
    packageId: num,
    packageTypeId: num,
    packageDefIdentifier: identifier.nullish(),
    description: str,
    length: num,
    width: num,
    height: num,
    weight: num,
    trackingNumber: str,
    ucc128: digits,
    /** The packages rel puts ucc128 (with oversize, cod, label) under the package's readOnly. */
    readOnly: z.object({ ucc128: digits }).loose().nullish(),
    cartonId: z.union([z.string(), z.number()]).nullish(),
    packageContents: z.array(packageContent).nullish(),
    _embedded: z.record(z.string(), z.unknown()).nullish(),
  })
  .loose();

/**
 * readOnly.allocations[] of an order item (GET with itemdetail=Allocations or AllocationsWithDetail; `detail` is
 * "null unless requested by including AllocationsWithDetail"): what was shipped from which lot / serial number.
 * Field names: Airbyte source-tplcentral order_item_read_only.json, allocation.json, item_traits.json.
 */
const allocation = z
  .object({
    qty: num,
    detail: z.object({ itemTraits: z.object({ lotNumber: str, serialNumber: str }).loose().nullish() }).loose().nullish(),
  })
  .loose();

const orderItem = z
  .object({
    readOnly: z.object({ orderItemId: num, allocations: z.array(allocation).nullish() }).loose().nullish(),
    itemIdentifier: z.object({ sku: str, id: num }).loose().nullish(),
    qty: num,
  })
  .loose();

export const extensivOrderSchema = z
  .object({
    readOnly: z
      .object({
        orderId: z.coerce.number().int(),
        status: num,
        isClosed: z.boolean().nullish(),
        fullyAllocated: z.boolean().nullish(),
        creationDate: str,
        lastModifiedDate: str,
        processDate: str,
        pickDoneDate: str,
        packDoneDate: str,
        customerIdentifier: identifier.nullish(),
        facilityIdentifier: identifier.nullish(),
        packages: z.array(orderPackage).nullish(),
      })
      .loose(),
    referenceNum: z.string().nullish(),
    poNum: str,
    routingInfo: z.object({ carrier: str, mode: str, scacCode: str, trackingNumber: str, billOfLading: str }).loose().nullish(),
    orderItems: z.array(orderItem).nullish(),
    _embedded: z.record(z.string(), z.unknown()).nullish(),
  })
  .loose();

export type ExtensivOrder = z.infer<typeof extensivOrderSchema>;
export type ExtensivPackage = z.infer<typeof orderPackage>;
export type ExtensivItem = z.infer<typeof orderItem>;

/**
 * JSON.parse for Extensiv answers, keeping `ucc128` numbers as their digits. Extensiv types Ucc128 as an integer
 * (Airbyte source-tplcentral package_info.json; the tap-3plcentral samples send `"ucc128": 1`), and an 18-digit
 * SSCC is past 2^53: as a JS number its last digits would change. The key match is safe on raw JSON text: inside a
 * string every quote is escaped, so `"ucc128"` followed by `:` is always a key.
 */
export function parseApiJson(text: string): unknown {
  return JSON.parse(text.replace(/("ucc128"\s*:\s*)(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)(?=\s*[,}\]])/gi, '$1"$2"'));
}

/** An SSCC-18 from ucc128: digits only, left-padded to 18 (a JSON integer loses the leading zero); "" when none. */
export function ssccOf(value: string | number | null | undefined): string {
  const text = value === null || value === undefined ? '' : String(value).trim();
  if (!/^\d{1,18}$/.test(text) || /^0+$/.test(text)) return '';
  return text.padStart(18, '0');
}

export const STATUS_OPEN = 0;
export const STATUS_CLOSED = 1;
export const STATUS_CANCELED = 2;

/** Lower-cases the first letter of every key (PascalCase -> camelCase), leaving HAL rel URLs and $type alone. */
export function camelKeys(data: unknown): unknown {
  if (Array.isArray(data)) return data.map(camelKeys);
  if (data === null || typeof data !== 'object') return data;
  return Object.fromEntries(
    Object.entries(data as Record<string, unknown>).map(([k, v]) => [/^[A-Z]/.test(k) && !k.includes('/') ? k.charAt(0).toLowerCase() + k.slice(1) : k, camelKeys(v)]),
  );
}

/** The embedded collection whose rel ends with `/rels/orders/<name>` (rel keys differ in case between docs). */
export function embedded(holder: { _embedded?: Record<string, unknown> | null | undefined }, name: string): unknown[] {
  const want = `/rels/orders/${name}`.toLowerCase();
  for (const [k, v] of Object.entries(holder._embedded ?? {})) if (k.toLowerCase().endsWith(want) && Array.isArray(v)) return v;
  return [];
}

export function parseOrder(data: unknown, what: string): ExtensivOrder {
  const parsed = extensivOrderSchema.safeParse(camelKeys(data));
  if (!parsed.success) {
    throw new AppError('business', `Extensiv sent an order in a shape this app does not understand (${what}): ${parsed.error.issues[0]?.message ?? 'invalid'} at ${parsed.error.issues[0]?.path.join('.') ?? ''}`);
  }
  return parsed.data;
}

/** The order items, wherever the answer put them. */
export function itemsOf(order: ExtensivOrder): ExtensivItem[] {
  const fromHal = embedded(order, 'item');
  const raw = fromHal.length > 0 ? fromHal : (order.orderItems ?? []);
  return raw.flatMap((i) => {
    const parsed = orderItem.safeParse(i);
    return parsed.success ? [parsed.data] : [];
  });
}

export function packagesOf(order: ExtensivOrder): ExtensivPackage[] {
  return (order.readOnly.packages ?? []).map((p) => {
    if ((p.packageContents ?? []).length > 0) return p;
    const contents = embedded(p, 'packagecontent').flatMap((c) => {
      const parsed = packageContent.safeParse(c);
      return parsed.success ? [parsed.data] : [];
    });
    return { ...p, packageContents: contents };
  });
}

const listSchema = z
  .object({
    totalResults: z.coerce.number().int().nonnegative().nullish(),
    resourceList: z.array(z.unknown()).nullish(),
    _embedded: z.record(z.string(), z.unknown()).nullish(),
    _links: z.object({ next: z.object({ href: z.string() }).loose().nullish() }).loose().nullish(),
  })
  .loose();

export interface OrderPage {
  totalResults: number;
  orders: ExtensivOrder[];
  hasNext: boolean;
}

export function parseOrderPage(data: unknown, what: string): OrderPage {
  const parsed = listSchema.safeParse(camelKeys(data));
  if (!parsed.success) throw new AppError('business', `Extensiv sent a list of orders this app does not understand (${what}).`);
  const raw = parsed.data.resourceList ?? embedded(parsed.data, 'order');
  const orders = raw.map((o, i) => parseOrder(o, `${what}, entry ${i + 1}`));
  return { totalResults: parsed.data.totalResults ?? orders.length, orders, hasNext: Boolean(parsed.data._links?.next?.href) };
}
