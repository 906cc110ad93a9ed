// A real HTTP(S) server on 127.0.0.1 that behaves like Acumatica's identity server and contract-based REST API
// (see /work/shared/acumatica/FACTS.md): tokens, value-wrapped SalesOrder/Shipment records, $filter/$expand/$select/
// paging, key and id reads, PUT /Shipment, 202 actions, 422/429/500 answers, injectable latency and failures.
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { buildSalesOrder, buildShipmentFor, seedSalesOrders, type SeedOptions } from './factories.js';
import { FilterError } from './filter.js';
import { answerList, type ListEntity } from './list-query.js';
import type { DeepPartial, SalesOrderRec, ShipmentRec } from './model.js';
import { faultApplies, plainServerFault, type RandomFaults } from './faults.js';
import { OAuthServer, type OAuthCredentials } from './oauth.js';
import { ACTION_RUNNING_MESSAGE, SessionGate } from './sessions.js';
import { customers } from './seed.js';
import { AcumaticaStore, noEntity, pxError, type Answer } from './store.js';
import { parseList, str, toWire } from './wire.js';

export interface AcumaticaDoubleOptions {
  clock?: () => number;
  tokenLifetimeSeconds?: number;
  /** Refresh tokens stop working this long after the password sign-in that started their chain (default: never). */
  refreshTokenLifetimeSeconds?: number;
  latencyMs?: number;
  /** Latency drawn per request (e.g. 15–45 ms, as a real instance varies); overrides latencyMs. */
  latency?: () => number;
  endpointVersions?: string[];
  /** The instance's virtual folder, e.g. "/AcumaticaERP" for an on-premise site. */
  instancePath?: string;
  /** Answer GET /entity with the bare array some older builds send. */
  bareEndpointList?: boolean;
  knownShipVia?: string[];
  knownBoxIds?: string[];
  /** Polls of a 202 action answered 202 before the 204 (0: the first poll already finds it done). */
  actionPolls?: number;
  /** How long an action keeps its session busy when nobody polls it (it finishes on the server regardless). */
  actionRunsMs?: number;
  holdShipmentsOnEntry?: boolean;
  /** Preference "Validate Shipment Total on Confirmation" (issue #14 item 5). */
  validateShipmentTotal?: boolean;
  /** Lot/serial-tracked InventoryIDs (issue #14 item 1). */
  lotSerialItems?: string[];
  /** Serve HTTPS with this key/certificate (PEM). */
  tls?: { key: string; cert: string };
  credentials?: Partial<OAuthCredentials>;
  /** Filter fields whose list queries with detail entities in $expand are refused (CannotOptimizeException). */
  nonOptimizable?: Partial<Record<ListEntity, string[]>>;
  /** The licence's API user limit (sessions signed in at once); unlimited if unset. */
  maxApiUsers?: number;
}

export interface FailureRule {
  /** HTTP status to answer; 0 drops the connection without an answer. */
  status: number;
  count?: number;
  pathPrefix?: string;
  method?: string;
  retryAfterSeconds?: number;
  body?: unknown;
  /** Do the work first, then fail (a write whose answer is lost). */
  afterProcessing?: boolean;
  /** Only requests carrying this header (lower case), e.g. 'if-match' for an update of an existing record. */
  withHeader?: string;
}

export interface LoggedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  body: unknown;
  status: number;
  at: number;
}

export interface AcumaticaDouble {
  url: string;
  credentials: OAuthCredentials;
  requests: LoggedRequest[];
  seedSalesOrders(n: number, opts?: SeedOptions): SalesOrderRec[];
  /** Open sales orders each with one open Shipment (for shipment mode). */
  seedShipments(n: number, opts?: SeedOptions): ShipmentRec[];
  addSalesOrder(partial?: DeepPartial<SalesOrderRec>): SalesOrderRec;
  addShipment(partial?: DeepPartial<ShipmentRec> & { order?: DeepPartial<SalesOrderRec> }): ShipmentRec;
  updateSalesOrder(orderType: string, orderNbr: string, patch: DeepPartial<SalesOrderRec> | ((so: SalesOrderRec) => void)): SalesOrderRec;
  updateShipment(shipmentNbr: string, patch: DeepPartial<ShipmentRec> | ((sh: ShipmentRec) => void)): ShipmentRec;
  cancelSalesOrder(orderType: string, orderNbr: string): SalesOrderRec;
  expireSharedSecret(): void;
  rotateSharedSecret(newSecret: string): void;
  setPassword(password: string): void;
  revokeRefreshTokens(): void;
  /** Makes every issued access token invalid at once (the next call gets a 401). */
  expireAccessTokens(): void;
  failNext(rule: FailureRule): void;
  setLatency(ms: number): void;
  salesOrders(): SalesOrderRec[];
  shipments(): ShipmentRec[];
  activeSessions(): number;
  /** Most requests the server was handling at the same time. */
  peakConcurrency(): number;
  /** Date literals in $filter sent without an explicit offset. */
  datesWithoutOffset(): number;
  /** Runs after each list request is answered (e.g. to change records between two pages); returns the removal. */
  afterList(hook: (entity: ListEntity, query: URLSearchParams) => void): () => void;
  grants(): { password: number; refresh: number; rejected: number; expiredRefresh: number; loginLimit: number };
  /** How the sessions were used: requests that queued behind another of their session, requests refused during an action. */
  sessionStats(): { queued: number; refusedDuringAction: number; peakPerSession: number };
  /** Answer a share of requests with a plain 500 (System.Exception); null turns it off. */
  setRandomFaults(faults: RandomFaults | null): void;
  close(): Promise<void>;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const redactedFields = ['client_secret', 'password', 'refresh_token'];

export async function startAcumaticaDouble(options: AcumaticaDoubleOptions = {}): Promise<AcumaticaDouble> {
  const now = options.clock ?? (() => Date.now());
  const versions = options.endpointVersions ?? ['23.200.001', '24.200.001'];
  const folder = (options.instancePath ?? '').replace(/\/+$/, '');
  let latency = options.latencyMs ?? 0;
  const oauth = new OAuthServer(
    {
      clientId: 'B5344897-037E-4D58-B5C3-1BDFD0F47BF9@Company',
      sharedSecret: 'kT9vQ2mZ7xR4wL8p',
      username: 'dropstream',
      password: 'Warehouse#2024',
      ...options.credentials,
    },
    now,
    options.tokenLifetimeSeconds ?? 3600,
    options.refreshTokenLifetimeSeconds ?? null,
    options.maxApiUsers ?? null,
  );
  const gate = new SessionGate();
  let randomFaults: RandomFaults | null = null;
  const store = new AcumaticaStore({
    now,
    knownShipVia: options.knownShipVia ?? ['UPSGROUND', 'UPS2DAY', 'FEDEXGROUND', 'FEDEX2DAY', 'USPSPRIORITY', 'DHLEXPRESS', 'LOCAL', 'WILLCALL'],
    knownBoxIds: options.knownBoxIds ?? ['SMALL', 'MEDIUM', 'LARGE', 'ENVELOPE', 'PALLET'],
    holdShipmentsOnEntry: options.holdShipmentsOnEntry ?? false,
    validateShipmentTotal: options.validateShipmentTotal ?? false,
    lotSerialItems: options.lotSerialItems ?? [],
  });
  const requests: LoggedRequest[] = [];
  const rules: (FailureRule & { left: number })[] = [];
  const actions = new Map<string, { pollsLeft: number; session: string | null }>();
  let inFlight = 0;
  let peak = 0;
  let looseDates = 0;

  const json = (status: number, body?: unknown, headers: Record<string, string> = {}): Answer & { headers: Record<string, string> } => ({ status, body, headers });

  const listHooks = new Set<(entity: ListEntity, query: URLSearchParams) => void>();
  function listEntities(entity: ListEntity, version: string, query: URLSearchParams): Answer {
    const records: object[] = entity === 'SalesOrder' ? store.salesOrders : store.shipments;
    const answer = answerList(entity, records, query, {
      rules: { nonOptimizable: options.nonOptimizable ?? {} },
      selfOf: (r) => `${folder}/entity/Default/${version}/${entity}/${(r as { id: string }).id}`,
      onLooseDates: (n) => void (looseDates += n),
    });
    for (const hook of [...listHooks]) hook(entity, query);
    return answer;
  }

  function one(entity: string, version: string, rec: object | undefined, query: URLSearchParams): Answer {
    if (!rec) return noEntity();
    const expand = parseList(query.get('$expand') ?? undefined) ?? new Set<string>();
    return { status: 200, body: toWire(rec, { expand, select: parseList(query.get('$select') ?? undefined), rowNumber: 1, self: `${folder}/entity/Default/${version}/${entity}/${(rec as { id: string }).id}` }) };
  }

  function startAction(version: string, entity: string, action: string, authorization: string | undefined): Answer & { headers: Record<string, string> } {
    const id = randomUUID();
    const session = oauth.sessionOf(authorization)?.id ?? null;
    actions.set(id, { pollsLeft: options.actionPolls ?? 0, session });
    if (session) gate.actionStarted(session, id, now() + (options.actionRunsMs ?? 2_000));
    return json(202, undefined, { Location: `${folder}/entity/Default/${version}/${entity}/${action}/status/${id}` });
  }

  function route(method: string, path: string, query: URLSearchParams, headers: http.IncomingHttpHeaders, body: unknown): Answer & { headers?: Record<string, string> } {
    if (method === 'GET' && path === '/identity/.well-known/openid-configuration') {
      return { status: 200, body: { issuer: `${folder}/identity`, token_endpoint: `${folder}/identity/connect/token`, grant_types_supported: ['password', 'refresh_token', 'authorization_code', 'implicit', 'hybrid'] } };
    }
    if (method === 'POST' && path === '/identity/connect/token') {
      const answer = oauth.token(new URLSearchParams(typeof body === 'string' ? body : ''));
      return { status: answer.status, body: answer.body };
    }
    if (method === 'POST' && path === '/entity/auth/logout') {
      oauth.logout(headers.authorization);
      return { status: 204 };
    }
    if (!path.startsWith('/entity')) return { status: 404, body: { message: 'Not found' } };
    if (!oauth.authenticate(headers.authorization)) return { status: 401, body: { message: 'Authorization has been denied for this request.' } };
    if (method === 'GET' && path === '/entity') {
      const endpoints = versions.map((v) => ({ name: 'Default', version: v, href: `${folder}/entity/Default/${v}/` }));
      const all = [...endpoints, { name: 'Manufacturing', version: '24.200.001', href: `${folder}/entity/Manufacturing/24.200.001/` }];
      return { status: 200, body: options.bareEndpointList ? all : { version: { acumaticaBuildVersion: '24.205.0012', databaseVersion: '24.205.0012' }, endpoints: all } };
    }
    const m = /^\/entity\/Default\/([^/]+)\/(SalesOrder|Shipment)(?:\/(.*))?$/.exec(path);
    if (!m || !versions.includes(m[1] ?? '')) return { status: 404, body: { message: `No HTTP resource was found that matches the request URI '${path}'.` } };
    const version = m[1]!;
    const entity = m[2] as 'SalesOrder' | 'Shipment';
    const rest = (m[3] ?? '').split('/').filter(Boolean).map(decodeURIComponent);

    if (method === 'GET' && rest.length === 0) return listEntities(entity, version, query);
    if (method === 'GET' && rest[1] === 'status' && rest.length === 3) {
      const state = actions.get(rest[2]!);
      if (!state) return { status: 404 };
      if (state.pollsLeft > 0) {
        state.pollsLeft--;
        return { status: 202 };
      }
      actions.delete(rest[2]!);
      gate.actionEnded(rest[2]!);
      return { status: 204 };
    }
    if (method === 'GET') {
      if (entity === 'SalesOrder') {
        const rec = rest.length === 1 && GUID.test(rest[0]!) ? store.salesOrders.find((o) => o.id === rest[0]) : rest.length === 2 ? store.findOrder(rest[0]!, rest[1]!) : undefined;
        return one(entity, version, rec, query);
      }
      return one(entity, version, rest.length === 1 ? store.findShipment(rest[0]!) : undefined, query);
    }
    if (method === 'PUT' && entity === 'Shipment' && rest.length === 0) {
      if (body === null || typeof body !== 'object' || Array.isArray(body)) return { status: 400, body: { message: 'The request body is not a record.' } };
      const answer = store.putShipment(body as Record<string, unknown>, { ifMatch: headers['if-match'] === '*', ifNoneMatch: headers['if-none-match'] === '*' });
      if (answer.status !== 200) return answer;
      return one('Shipment', version, answer.body as object, query);
    }
    if (method === 'POST' && rest.length === 1) {
      const invocation = body as { entity?: Record<string, unknown>; parameters?: Record<string, unknown> } | null;
      const target = invocation?.entity;
      if (entity === 'Shipment' && rest[0] === 'ConfirmShipment') {
        const sh = store.findShipment(typeof target?.id === 'string' ? target.id : str(target, 'ShipmentNbr'));
        if (!sh) return noEntity();
        const refused = store.confirm(sh);
        return refused ?? startAction(version, entity, rest[0], headers.authorization);
      }
      if (entity === 'SalesOrder' && rest[0] === 'SalesOrderCreateShipment') {
        const so = typeof target?.id === 'string' ? store.salesOrders.find((o) => o.id === target.id) : store.findOrder(str(target, 'OrderType'), str(target, 'OrderNbr'));
        if (!so) return noEntity();
        const made = store.createShipmentFromOrder(so, str(invocation?.parameters, 'ShipmentDate') || so.Date, str(invocation?.parameters, 'WarehouseID'));
        if (made.status !== 200) return made;
        return startAction(version, entity, rest[0], headers.authorization);
      }
      return pxError(`The action ${rest[0]} is not supported by the double.`);
    }
    return { status: 405, body: { message: `The requested resource does not support http method '${method}'.` } };
  }

  const handler = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        inFlight++;
        peak = Math.max(peak, inFlight);
        const url = new URL(req.url ?? '/', 'http://double');
        const method = req.method ?? 'GET';
        const path = folder && url.pathname.startsWith(folder) ? url.pathname.slice(folder.length) : url.pathname;
        const text = Buffer.concat(chunks).toString('utf8');
        let body: unknown = text;
        if ((req.headers['content-type'] ?? '').includes('json') && text) {
          try {
            body = JSON.parse(text);
          } catch {
            body = text;
          }
        }
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(req.headers)) if (k !== 'authorization' && typeof v === 'string') headers[k] = v;
        let loggedBody = body;
        if (typeof body === 'string' && path === '/identity/connect/token') {
          const form = new URLSearchParams(body);
          for (const f of redactedFields) if (form.has(f)) form.set(f, '***');
          loggedBody = Object.fromEntries(form);
        }
        const entry: LoggedRequest = { method, path, query: Object.fromEntries(url.searchParams), headers, body: loggedBody, status: 0, at: now() };
        requests.push(entry);
        // One request at a time per session unless it has concurrent access; refused while an action runs on it.
        const session = path.startsWith('/entity/Default') ? oauth.sessionOf(req.headers.authorization) : null;
        const release = session ? await gate.enter(session.id, session.concurrent) : () => undefined;
        try {
          const wait = options.latency?.() ?? latency;
          if (wait > 0) await new Promise((r) => setTimeout(r, wait));
          const rule = rules.find((r) => r.left > 0 && (!r.method || r.method === method) && path.startsWith(r.pathPrefix ?? '/') && (!r.withHeader || r.withHeader in req.headers));
          if (rule) rule.left--;
          let answer: Answer & { headers?: Record<string, string> };
          const fault = !rule && faultApplies(randomFaults, path);
          if (session && gate.blockingAction(session.id, path, now())) {
            gate.refusedDuringAction++;
            answer = pxError(ACTION_RUNNING_MESSAGE);
          } else if (fault && !randomFaults?.afterProcessing) answer = plainServerFault();
          else if (rule && !rule.afterProcessing) answer = failure(rule);
          else {
            try {
              answer = route(method, path, url.searchParams, req.headers, body);
            } catch (e) {
              answer = e instanceof FilterError ? { status: 400, body: { message: e.message } } : pxError(e instanceof Error ? e.message : String(e));
            }
            if (rule) answer = failure(rule);
            else if (fault) answer = plainServerFault();
          }
          entry.status = answer.status;
          if (answer.status === 0) {
            req.socket.destroy();
            return;
          }
          const out = answer.body === undefined ? '' : JSON.stringify(answer.body);
          res.writeHead(answer.status, {
            ...(out ? { 'Content-Type': 'application/json; charset=utf-8' } : {}),
            'Content-Length': String(Buffer.byteLength(out)),
            ...answer.headers,
          });
          res.end(out);
        } finally {
          inFlight--;
          release();
        }
      })();
    });
  };

  function failure(rule: FailureRule): Answer & { headers?: Record<string, string> } {
    const headers: Record<string, string> = {};
    if (rule.retryAfterSeconds !== undefined) headers['Retry-After'] = String(rule.retryAfterSeconds);
    const body =
      rule.body ??
      (rule.status === 429
        ? { message: 'API Login Limit' }
        : rule.status >= 500
          ? { message: 'An error has occurred.' }
          : { message: `Failure ${rule.status} injected by the test.` });
    return { status: rule.status, body, headers };
  }

  const server = options.tls ? https.createServer({ key: options.tls.key, cert: options.tls.cert }, handler) : http.createServer(handler);
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const url = `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}${folder}`;

  const mustOrder = (t: string, n: string): SalesOrderRec => {
    const so = store.findOrder(t, n);
    if (!so) throw new Error(`double: no sales order ${t} ${n}`);
    return so;
  };
  const mustShipment = (nbr: string): ShipmentRec => {
    const sh = store.findShipment(nbr);
    if (!sh) throw new Error(`double: no shipment ${nbr}`);
    return sh;
  };

  return {
    url,
    get credentials() {
      return { ...oauth.credentials };
    },
    requests,
    seedSalesOrders(n, opts) {
      const made = seedSalesOrders(store, n, opts);
      store.salesOrders.push(...made);
      return structuredClone(made);
    },
    seedShipments(n, opts) {
      const orders = seedSalesOrders(store, n, { ...opts, status: 'Open' });
      store.salesOrders.push(...orders);
      const made = orders.map((so) => buildShipmentFor(store, so, opts?.status ? { Status: opts.status } : {}));
      store.shipments.push(...made);
      return structuredClone(made);
    },
    addSalesOrder(partial = {}) {
      const so = buildSalesOrder(store, partial, customers[store.salesOrders.length % customers.length]);
      store.salesOrders.push(so);
      return structuredClone(so);
    },
    addShipment(partial = {}) {
      const { order, ...rest } = partial;
      const so = buildSalesOrder(store, order ?? {}, customers[store.salesOrders.length % customers.length]);
      store.salesOrders.push(so);
      const sh = buildShipmentFor(store, so, rest);
      store.shipments.push(sh);
      return structuredClone(sh);
    },
    updateSalesOrder(orderType, orderNbr, patch) {
      const so = mustOrder(orderType, orderNbr);
      if (typeof patch === 'function') patch(so);
      else Object.assign(so, patch);
      so.LastModified = store.stamp();
      return structuredClone(so);
    },
    updateShipment(nbr, patch) {
      const sh = mustShipment(nbr);
      if (typeof patch === 'function') patch(sh);
      else Object.assign(sh, patch);
      sh.LastModifiedDateTime = store.stamp();
      return structuredClone(sh);
    },
    cancelSalesOrder(orderType, orderNbr) {
      const so = mustOrder(orderType, orderNbr);
      so.Status = 'Canceled';
      so.Details.forEach((l) => {
        l.Completed = true;
        l.OpenQty = 0;
      });
      so.LastModified = store.stamp();
      return structuredClone(so);
    },
    expireSharedSecret: () => void (oauth.secretExpired = true),
    rotateSharedSecret(newSecret) {
      oauth.credentials.sharedSecret = newSecret;
      oauth.secretExpired = false;
    },
    setPassword: (p) => void (oauth.credentials.password = p),
    revokeRefreshTokens: () => oauth.revokeRefreshTokens(),
    expireAccessTokens: () => oauth.expireAccessTokens(),
    failNext: (rule) => void rules.push({ ...rule, left: rule.count ?? 1 }),
    setLatency: (ms) => void (latency = ms),
    salesOrders: () => structuredClone(store.salesOrders),
    shipments: () => structuredClone(store.shipments),
    activeSessions: () => oauth.activeSessions(),
    peakConcurrency: () => peak,
    datesWithoutOffset: () => looseDates,
    afterList(hook) {
      listHooks.add(hook);
      return () => void listHooks.delete(hook);
    },
    grants: () => ({ ...oauth.grants }),
    sessionStats: () => ({ queued: gate.queued, refusedDuringAction: gate.refusedDuringAction, peakPerSession: gate.peakPerSession }),
    setRandomFaults: (f) => void (randomFaults = f),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
