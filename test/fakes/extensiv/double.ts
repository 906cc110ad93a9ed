// A real local HTTP server standing in for the Extensiv 3PL Warehouse Manager REST API, built from
// /work/shared/extensiv/FACTS.md. Start one per test:
//
//   const wms = await startExtensivDouble({ knownSkus: ['SKU-1'] });
//   settings = { adapter: 'extensiv', baseUrl: wms.url, ...wms.settingsIds(), clientId: wms.credentials.clientId, … }
//   secrets = memorySecrets({ 'wms.extensiv.clientSecret': wms.credentials.clientSecret })
//
// What it serves:
//   POST /AuthServer/api/Token   client credentials: Basic clientId:secret, body {grant_type, user_login (login name) |
//                                user_login_id (numeric user id; a non-number -> 400), tpl?}; 401 {"Message":
//                                "invalid_client: …"} when refused; GET -> 405.
//   POST /orders                 NOT idempotent: the same referenceNum twice makes two orders (unless
//                                options.rejectDuplicateReferenceNum, then 400 ModelValidationException Duplicate).
//                                201 + ETag. Unknown customer/facility/SKU -> 400 ModelValidationException DoesNotExist.
//   GET  /orders                 pgsiz (1..1000, default 100) / pgnum / rql / sort / detail; HAL envelope with
//                                totalResults, _embedded[".../rels/orders/order"] and _links.next (relative).
//   GET  /orders/{id}            with ETag; detail=OrderItems|Packages|All adds items (_embedded) and packages.
//   PUT  /orders/{id}            If-Match required (428 / 412); closed orders -> 403 OperationException.
//                                With detail=OrderItems the items are replaced (kept ids by readOnly.orderItemId).
//   POST /orders/{id}/canceler   If-Match; open -> 204, status 2 + isClosed; shipped/cancelled -> 403 OperationException.
//   POST /orders/{id}/confirmer  If-Match; -> 204, status 1 + isClosed.
//   GET  /customers/{id}         {customerId, companyInfo:{companyName}, facilities:[{id,name}]}.
//   Anything else -> 404. Missing/expired/revoked bearer -> 401 with an empty body.
//
// Driving it from a test (the warehouse side): shipOrder(refOrId, {packages, carrier, trackingNumber}),
// confirmOrder(refOrId, tracking?), splitOrder(refOrId, [{SKU: qty}, {SKU: qty}]) (-> "<ref>-1", "<ref>-2"),
// closeWithoutShipping(refOrId) (closed, status 2), failNext({status, body?, headers?, method?, path?, times?, when?})
// (when 'after': handled, then the answer replaced; status 0 drops the connection),
// expireTokens(), advanceTime(ms), orders() (deep copies, wire shape), ordersWithRef(ref), requests (log), close().
// Dates are written without offset from the double's clock (options.now, shifted by advanceTime).
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { etagOf, naive, OrderBook, type StoredOrder, type WireItem, type WireOrder } from './model.js';
import { evaluate, parseRql, RqlError, text } from './rql.js';
import { camel, getPath, modelValidation, operation, queryParameter, type Reply } from './replies.js';
import type { ExtensivDouble, ExtensivDoubleOptions, Injection, LoggedRequest } from './types.js';

export type { ExtensivDouble, ExtensivDoubleOptions, Injection, LoggedRequest } from './types.js';

export const ORDER_REL = 'http://api.3plCentral.com/rels/orders/order';
export const ITEM_REL = 'http://api.3plCentral.com/rels/orders/item';

const RQL_PROPERTIES = new Set(
  ['referenceNum', 'poNum', 'readOnly.orderId', 'readOnly.status', 'readOnly.isClosed', 'readOnly.fullyAllocated', 'readOnly.creationDate', 'readOnly.lastModifiedDate', 'readOnly.processDate', 'readOnly.customerIdentifier.id', 'readOnly.facilityIdentifier.id'].map((p) => p.toLowerCase()),
);

export async function startExtensivDouble(options: ExtensivDoubleOptions = {}): Promise<ExtensivDouble> {
  let offset = 0;
  const now = (): number => (options.now ?? Date.now)() + offset;
  const credentials = {
    clientId: options.clientId ?? 'a1b2c3d4-client',
    clientSecret: options.clientSecret ?? 'double-secret-Zx9!',
    userLoginId: options.userLogin ?? 'api-user',
    userId: options.userId ?? 4127,
    ...(options.tpl ? { tpl: options.tpl } : {}),
  };
  const customers = options.customers ?? [{ id: 1077, name: 'Acme Retail', facilities: [2] }];
  const knownSkus = options.knownSkus ? new Set(options.knownSkus.map((s) => s.toLowerCase())) : null;
  const ttl = options.tokenTtlSeconds ?? 3600;
  const tokens = new Map<string, number>();
  let issued = 0;
  const injections: Injection[] = [];
  const requests: LoggedRequest[] = [];
  const book = new OrderBook(now);

  /**
   * An order as GET shows it. `itemdetail` (orders/order rel): Allocations or All add readOnly.allocations to the
   * items, each with `detail: null`; only AllocationsWithDetail fills `detail` (itemTraits: lotNumber, serialNumber…).
   */
  function render(s: StoredOrder, detail: string, itemdetail = 'None'): Record<string, unknown> {
    const d = detail.toLowerCase().split(',').map((x) => x.trim());
    const id = itemdetail.toLowerCase().split(',').map((x) => x.trim());
    const all = d.includes('all');
    const { orderItems, readOnly, ...rest } = structuredClone(s.order);
    const { packages, ...ro } = readOnly;
    const out: Record<string, unknown> = { ...rest, readOnly: all || d.includes('packages') ? { ...ro, packages } : ro };
    const withDetail = id.includes('allocationswithdetail');
    const withAllocations = withDetail || id.includes('allocations') || id.includes('all');
    const items = orderItems.map(({ readOnly: iro, ...item }) => {
      const { allocations, ...other } = iro;
      const shown = withAllocations ? { ...other, allocations: (allocations ?? []).map((a) => ({ ...a, detail: withDetail ? a.detail : null })) } : other;
      return { ...item, readOnly: shown };
    });
    if (all || d.includes('orderitems')) out._embedded = { [ITEM_REL]: items };
    out._links = { self: { href: `/orders/${readOnly.orderId}` } };
    return out;
  }

  /** itemdetail other than None needs detail to include OrderItems (orders/orders rel). */
  function badDetail(query: URLSearchParams): Reply | null {
    const itemdetail = (query.get('itemdetail') ?? 'None').toLowerCase();
    const known = ['none', 'savedelements', 'allocations', 'all', 'allocationswithdetail'];
    if (!itemdetail.split(',').every((x) => known.includes(x.trim()))) return queryParameter(['itemdetail'], 'NotParsable', `itemdetail: ${itemdetail}`);
    const detail = (query.get('detail') ?? 'None').toLowerCase().split(',').map((x) => x.trim());
    if (itemdetail !== 'none' && !detail.includes('orderitems') && !detail.includes('all')) return queryParameter(['itemdetail'], 'Incompatible', 'itemdetail requires detail to include OrderItems');
    return null;
  }

  function ifMatch(s: StoredOrder, header: string | undefined): Reply | null {
    if (!header) return { status: 428, body: 'If-Match header is required when updating a resource' };
    if (header.trim() !== etagOf(s.rowVersion)) return { status: 412, body: "If-Match header specified doesn't match the current state" };
    return null;
  }

  interface CheckedItem {
    itemIdentifier: { sku: string };
    qty: number;
    /** The item as sent (camelCase), every field kept: Extensiv stores what it is given. */
    raw: { fields: Record<string, unknown>; readOnly?: { orderItemId?: number } };
  }

  function validateItems(items: unknown): Reply | { items: CheckedItem[] } {
    if (!Array.isArray(items) || items.length === 0) return modelValidation('Order', [{ Name: 'OrderItems', Value: null }], 'Required');
    const out: CheckedItem[] = [];
    for (const raw of items) {
      const sku = text(getPath(raw, 'itemIdentifier.sku'));
      const qty = Number(getPath(raw, 'qty'));
      if (!sku) return modelValidation('OrderItem', [{ Name: 'ItemIdentifier', Value: null }], 'Required');
      if (knownSkus && !knownSkus.has(sku.toLowerCase())) return modelValidation('OrderItem', [{ Name: 'ItemIdentifier.Sku', Value: sku }], 'DoesNotExist');
      if (!Number.isFinite(qty) || qty <= 0) return modelValidation('OrderItem', [{ Name: 'Qty', Value: getPath(raw, 'qty') ?? null }], 'Required', 'if not specified, must specify SecondaryQty');
      const id = Number(getPath(raw, 'readOnly.orderItemId'));
      const fields = raw !== null && typeof raw === 'object' ? { ...(raw as Record<string, unknown>) } : {};
      const identifier = fields.itemIdentifier !== null && typeof fields.itemIdentifier === 'object' ? (fields.itemIdentifier as Record<string, unknown>) : {};
      out.push({ itemIdentifier: { ...identifier, sku }, qty, raw: { fields, ...(Number.isFinite(id) ? { readOnly: { orderItemId: id } } : {}) } });
    }
    return { items: out };
  }

  function createOrder(body: Record<string, unknown>): Reply {
    const customerId = Number(getPath(body, 'customerIdentifier.id'));
    const facilityId = Number(getPath(body, 'facilityIdentifier.id'));
    const customer = customers.find((c) => c.id === customerId);
    if (!customer) return modelValidation('Order', [{ Name: 'CustomerIdentifier', Value: body.customerIdentifier ?? null }], 'DoesNotExist');
    if (!customer.facilities.includes(facilityId)) return modelValidation('Order', [{ Name: 'FacilityIdentifier', Value: body.facilityIdentifier ?? null }], 'DoesNotExist');
    const ref = typeof body.referenceNum === 'string' ? body.referenceNum.trim() : '';
    if (!ref) return modelValidation('Order', [{ Name: 'ReferenceNum', Value: null }], 'Required');
    if (!body.shipTo || typeof body.shipTo !== 'object') return modelValidation('Order', [{ Name: 'ShipTo', Value: null }], 'Required');
    if (options.rejectDuplicateReferenceNum && [...book.orders.values()].some((s) => s.order.referenceNum.toLowerCase() === ref.toLowerCase() && s.order.readOnly.customerIdentifier.id === customerId)) {
      return modelValidation('Order', [{ Name: 'ReferenceNum', Value: ref }], 'Duplicate');
    }
    const checked = validateItems(body.orderItems);
    if ('status' in checked) return checked;
    const { readOnly: _ignored, customerIdentifier: _c, facilityIdentifier: _f, orderItems: _i, ...fields } = body;
    const orderItems = checked.items.map(({ raw, itemIdentifier, qty }) => {
      const { readOnly: _ro, ...rest } = raw.fields;
      return { ...rest, itemIdentifier, qty };
    });
    const s = book.create({ ...fields, referenceNum: ref, orderItems }, customerId, facilityId);
    return { status: 201, body: render(s, 'All'), headers: { ETag: etagOf(s.rowVersion) } };
  }

  function listOrders(query: URLSearchParams): Reply {
    const pgsizText = query.get('pgsiz');
    const pgsiz = pgsizText === null ? 100 : Number(pgsizText);
    if (!Number.isInteger(pgsiz) || pgsiz < 1 || pgsiz > 1000) return queryParameter(['pgsiz'], 'OutOfRange', 'pgsiz must be positive; limit 1000');
    const pgnum = Number(query.get('pgnum') ?? '1');
    if (!Number.isInteger(pgnum) || pgnum < 1) return queryParameter(['pgnum'], 'OutOfRange', 'pgnum must be positive');
    let list = [...book.orders.values()];
    const rql = query.get('rql');
    if (rql) {
      try {
        const node = parseRql(rql, RQL_PROPERTIES);
        list = list.filter((s) => evaluate(node, (p) => getPath(s.order, p)));
      } catch (e) {
        if (e instanceof RqlError) return queryParameter(['rql'], 'NotParsable', e.message);
        throw e;
      }
    }
    const sort = query.get('sort');
    const keys = (sort ?? 'readOnly.orderId').split(',').map((k) => k.trim()).filter(Boolean);
    list.sort((a, b) => {
      for (const k of keys) {
        const desc = k.startsWith('-');
        const path = desc ? k.slice(1) : k;
        const x = getPath(a.order, path);
        const y = getPath(b.order, path);
        const c = typeof x === 'number' && typeof y === 'number' ? x - y : text(x).localeCompare(text(y));
        if (c !== 0) return desc ? -c : c;
      }
      return a.order.readOnly.orderId - b.order.readOnly.orderId;
    });
    const page = list.slice((pgnum - 1) * pgsiz, pgnum * pgsiz);
    const bad = badDetail(query);
    if (bad) return bad;
    const detail = query.get('detail') ?? 'None';
    const links: Record<string, unknown> = {};
    if (pgnum * pgsiz < list.length) {
      const next = new URLSearchParams(query);
      next.set('pgnum', String(pgnum + 1));
      links.next = { href: `/orders?${next.toString()}` };
    }
    return { status: 200, body: { totalResults: list.length, _links: links, _embedded: { [ORDER_REL]: page.map((s) => render(s, detail, query.get('itemdetail') ?? 'None')) } } };
  }

  /**
   * PUT replaces the order (RFC 9110 §9.3.4; orders/order rel "Updates an unconfirmed order"): every writable field
   * the body leaves out is blanked, as a real replacement does. The items are replaced when `detail` includes
   * OrderItems (or All): an item naming a current readOnly.orderItemId updates that item (keeping its allocations),
   * any other is new, and current items left out are removed. `readOnly` in the body is ignored.
   */
  function putOrder(s: StoredOrder, body: Record<string, unknown>, query: URLSearchParams, match: string | undefined): Reply {
    const refused = ifMatch(s, match);
    if (refused) return refused;
    if (s.order.readOnly.status === 1) return operation('Update', 'OrderConfirmed', `Order ${s.order.readOnly.orderId} is confirmed and can't be modified`);
    if (s.order.readOnly.status === 2) return operation('Update', 'OrderCanceled', `Order ${s.order.readOnly.orderId} is canceled and can't be modified`);
    const ref = typeof body.referenceNum === 'string' ? body.referenceNum.trim() : '';
    if (!ref) return modelValidation('Order', [{ Name: 'ReferenceNum', Value: null }], 'Required');
    const withItems = (query.get('detail') ?? '').toLowerCase().split(',').some((d) => d === 'orderitems' || d === 'all');
    let items: WireItem[] | undefined;
    if (withItems) {
      const checked = validateItems(body.orderItems);
      if ('status' in checked) return checked;
      const existing = new Map(s.order.orderItems.map((i) => [i.readOnly.orderItemId, i]));
      items = checked.items.map(({ raw, itemIdentifier, qty }) => {
        const kept = raw.readOnly?.orderItemId === undefined ? undefined : existing.get(raw.readOnly.orderItemId);
        const { readOnly: _ro, ...fields } = raw.fields;
        return { ...fields, itemIdentifier, qty, readOnly: kept ? kept.readOnly : { orderItemId: book.newItemId() } };
      });
    }
    const { readOnly: _r, orderItems: _i, customerIdentifier: _c, facilityIdentifier: _f, _embedded: _e, _links: _l, ...fields } = body;
    book.update(s, (o) => {
      for (const k of Object.keys(o)) if (k !== 'readOnly' && k !== 'orderItems') delete o[k];
      Object.assign(o, fields, { referenceNum: ref });
      if (items) o.orderItems = items;
    });
    return { status: 200, body: render(s, 'All'), headers: { ETag: etagOf(s.rowVersion) } };
  }

  function operate(s: StoredOrder, action: 'canceler' | 'confirmer', body: Record<string, unknown>, match: string | undefined): Reply {
    const refused = ifMatch(s, match);
    if (refused) return refused;
    const id = s.order.readOnly.orderId;
    const name = action === 'canceler' ? 'Cancel' : 'Confirm';
    if (s.order.readOnly.status === 1) return operation(name, 'OrderConfirmed', `Order ${id} is confirmed and can't be modified`);
    if (s.order.readOnly.status === 2) return operation(name, 'OrderCanceled', `Order ${id} is already canceled`);
    if (action === 'canceler') {
      if (typeof body.reason !== 'string' || body.reason === '') return modelValidation('OrderCancelInfo', [{ Name: 'Reason', Value: null }], 'Required');
      book.cancel(s);
    } else {
      book.ship(id, { ...(typeof body.trackingNumber === 'string' ? { trackingNumber: body.trackingNumber } : {}) });
    }
    return { status: 204 };
  }

  function token(req: http.IncomingMessage, body: unknown): Reply {
    if (req.method !== 'POST') return { status: 405, body: { Message: "The requested resource does not support http method 'GET'." } };
    const auth = req.headers.authorization ?? '';
    const basic = /^Basic\s+(.+)$/i.exec(auth);
    const [id, secret] = basic?.[1] ? Buffer.from(basic[1], 'base64').toString('utf8').split(/:(.*)/s) : [];
    if (id !== credentials.clientId || secret !== credentials.clientSecret) return { status: 401, body: { Message: 'invalid_client: client not registered' } };
    const b = (body ?? {}) as Record<string, unknown>;
    if (b.grant_type !== 'client_credentials') return { status: 400, body: { error: 'unsupported_grant_type' } };
    // user_login is the login name (Rels/auth); user_login_id is the numeric user id (Stitch: "<USER_INTEGER_ID>",
    // Airbyte: int). The server binds it to an integer, so a login name there is refused, not looked up as a name.
    if (b.user_login_id !== undefined) {
      const id = typeof b.user_login_id === 'number' ? b.user_login_id : typeof b.user_login_id === 'string' && /^\d+$/.test(b.user_login_id) ? Number(b.user_login_id) : NaN;
      if (!Number.isInteger(id)) return { status: 400, body: { error: 'invalid_request', error_description: 'user_login_id must be the numeric user id' } };
      if (id !== credentials.userId) return { status: 401, body: { Message: 'invalid_grant: user login not valid for this client' } };
    } else if (b.user_login !== credentials.userLoginId) {
      return { status: 401, body: { Message: 'invalid_grant: user login not valid for this client' } };
    }
    if (options.tpl && text(b.tpl).replace(/[{}]/g, '').toLowerCase() !== options.tpl.replace(/[{}]/g, '').toLowerCase()) {
      return { status: 401, body: { Message: 'invalid_grant: tpl not valid for this client' } };
    }
    const accessToken = `eyJ${randomBytes(24).toString('base64url')}`;
    tokens.set(accessToken, now() + ttl * 1000);
    issued++;
    return { status: 200, body: { access_token: accessToken, token_type: 'Bearer', expires_in: ttl, refresh_token: null, scope: null } };
  }

  function route(req: http.IncomingMessage, path: string, query: URLSearchParams, body: unknown): Reply {
    if (path.toLowerCase() === '/authserver/api/token') return token(req, body);
    const bearer = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1];
    const expires = bearer ? tokens.get(bearer) : undefined;
    if (expires === undefined || expires <= now()) return { status: 401, headers: { 'WWW-Authenticate': 'Bearer' } };
    const b = camel(body ?? {}) as Record<string, unknown>;
    const match = req.headers['if-match'];
    if (path === '/orders' && req.method === 'POST') return createOrder(b);
    if (path === '/orders' && req.method === 'GET') return listOrders(query);
    const one = /^\/orders\/(\d+)(?:\/(canceler|confirmer))?$/.exec(path);
    if (one) {
      const s = book.orders.get(Number(one[1]));
      if (!s) return { status: 404 };
      if (!one[2] && req.method === 'GET') {
        const bad = badDetail(query);
        if (bad) return bad;
        return { status: 200, body: render(s, query.get('detail') ?? 'None', query.get('itemdetail') ?? 'None'), headers: { ETag: etagOf(s.rowVersion) } };
      }
      if (!one[2] && req.method === 'PUT') return putOrder(s, b, query, match);
      if ((one[2] === 'canceler' || one[2] === 'confirmer') && req.method === 'POST') return operate(s, one[2], b, match);
      return { status: 405 };
    }
    const customer = /^\/customers\/(\d+)$/.exec(path);
    if (customer && req.method === 'GET') {
      const c = customers.find((x) => x.id === Number(customer[1]));
      if (!c) return { status: 404 };
      return { status: 200, body: { customerId: c.id, companyInfo: { companyName: c.name }, facilities: c.facilities.map((id) => ({ id, name: `Facility ${id}` })) } };
    }
    return { status: 404 };
  }

  function injected(method: string, path: string): Injection | undefined {
    const at = injections.findIndex(
      (i) => (!i.method || i.method.toUpperCase() === method) && (!i.path || (typeof i.path === 'string' ? path.includes(i.path) : i.path.test(path))),
    );
    if (at < 0) return undefined;
    const inj = injections[at] as Injection;
    inj.times = (inj.times ?? 1) - 1;
    if (inj.times <= 0) injections.splice(at, 1);
    return inj;
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://double');
      const raw = Buffer.concat(chunks).toString('utf8');
      let body: unknown = undefined;
      let reply: Reply;
      try {
        body = raw ? JSON.parse(raw) : undefined;
        const method = req.method ?? 'GET';
        const inj = injected(method, url.pathname);
        const handled = !inj || inj.when === 'after' ? route(req, url.pathname, url.searchParams, body) : undefined;
        reply = inj ? { status: inj.status, body: inj.body, ...(inj.headers ? { headers: inj.headers } : {}) } : (handled as Reply);
      } catch (e) {
        reply = e instanceof SyntaxError ? { status: 400, body: { Message: 'The request is invalid.' } } : { status: 500, body: 'An error has occurred.' };
      }
      requests.push({
        method: req.method ?? '',
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        headers: { ...req.headers } as Record<string, string | undefined>,
        body,
        status: reply.status,
      });
      if (reply.status === 0) {
        req.socket.destroy();
        return;
      }
      const headers: Record<string, string> = { ...reply.headers };
      let payload = '';
      if (typeof reply.body === 'string') {
        headers['Content-Type'] = 'text/plain; charset=utf-8';
        payload = reply.body;
      } else if (reply.body !== undefined) {
        headers['Content-Type'] = 'application/hal+json; charset=utf-8';
        // ucc128 is an integer on the wire (see WirePackage.ucc128): written digit for digit, as a long would be.
        payload = JSON.stringify(reply.body).replace(/"ucc128":"0*(\d+)"/g, '"ucc128":$1');
      }
      res.writeHead(reply.status, headers);
      res.end(payload);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const copy = (s: StoredOrder): WireOrder => structuredClone(s.order);

  return {
    url: `http://127.0.0.1:${port}`,
    credentials,
    settingsIds: () => ({ customerId: customers[0]?.id ?? 1, facilityId: customers[0]?.facilities[0] ?? 1 }),
    orders: () => [...book.orders.values()].map(copy),
    ordersWithRef: (ref) => [...book.orders.values()].filter((s) => s.order.referenceNum === ref).map(copy),
    shipOrder: (refOrId, opts) => copy(book.ship(refOrId, opts)),
    confirmOrder: (refOrId, trackingNumber) => copy(book.ship(refOrId, trackingNumber ? { trackingNumber } : {})),
    splitOrder: (refOrId, parts) => book.split(refOrId, parts).map(copy),
    closeWithoutShipping: (refOrId) => {
      const s = book.find(refOrId);
      book.cancel(s);
      return copy(s);
    },
    editOrder: (refOrId, change) => {
      const s = book.find(refOrId);
      book.update(s, change);
      return copy(s);
    },
    failNext: (injection) => void injections.push({ ...injection }),
    expireTokens: () => tokens.clear(),
    advanceTime: (ms) => void (offset += ms),
    requests,
    apiRequests: (method, path) => requests.filter((r) => r.path.toLowerCase() !== '/authserver/api/token' && (!method || r.method === method) && (!path || r.path === path)),
    tokensIssued: () => issued,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export { naive };
