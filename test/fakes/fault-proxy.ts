// A real HTTP proxy on 127.0.0.1 that sits between a client (the Acumatica client, the Extensiv adapter) and a test
// double, and at configurable rates breaks the exchange the ways networks do:
//   drop-before  the connection is cut before the request reaches the server (nothing happened there)
//   drop-after   the server handled the request, then the connection is cut (outcome unknown to the client)
//   stall        the server handled the request, the answer never comes (the client's time limit must fire)
//   5xx          502/503/504 from the "load balancer", the server never sees the request
//   429          too many requests with Retry-After: 1, the server never sees the request
//   truncate     the server handled it; headers and half of the body arrive, then the connection is cut
//   delay        forwarded after a random wait, so concurrent requests finish out of order
// The choice is drawn from a seeded generator, so a failing run can be replayed with the same seed.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export const FAULT_KINDS = ['drop-before', 'drop-after', 'stall', '5xx', '429', 'truncate', 'delay'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface FaultProxyOptions {
  /** The double's base URL (http://127.0.0.1:port[/folder]); the proxy keeps the path. */
  target: string;
  /** Per request, the chance of each fault (their sum at most 1; the rest pass through untouched). */
  rates?: Partial<Record<FaultKind, number>>;
  seed?: number;
  /** How long a stalled answer is held (longer than the client's time limit). */
  stallMs?: number;
  /** Upper bound of a random delay. */
  maxDelayMs?: number;
  /** Requests never faulted (e.g. the test's own reads). */
  exempt?: (method: string, path: string) => boolean;
}

export interface ProxiedRequest {
  method: string;
  path: string;
  fault: FaultKind | null;
  status: number;
}

export interface FaultProxy {
  url: string;
  /** How often each fault was injected. */
  injected: Record<FaultKind, number>;
  log: ProxiedRequest[];
  setRates(rates: Partial<Record<FaultKind, number>>): void;
  /** Faulty requests / all requests so far. */
  faultShare(): number;
  close(): Promise<void>;
}

/** The same small seeded generator the Acumatica double's sample data uses. */
import { seededRandom } from './acumatica/seed.js';

export { seededRandom };

/** `share` of all calls faulty, spread evenly over the fault kinds given (default: all of them). */
export function evenRates(share: number, kinds: readonly FaultKind[] = FAULT_KINDS): Partial<Record<FaultKind, number>> {
  return Object.fromEntries(kinds.map((k) => [k, share / kinds.length]));
}

interface Upstream {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

export async function startFaultProxy(options: FaultProxyOptions): Promise<FaultProxy> {
  const target = new URL(options.target);
  const random = seededRandom(options.seed ?? 1);
  const stallMs = options.stallMs ?? 2_000;
  const maxDelayMs = options.maxDelayMs ?? 50;
  let rates = { ...options.rates };
  const injected = Object.fromEntries(FAULT_KINDS.map((k) => [k, 0])) as Record<FaultKind, number>;
  const log: ProxiedRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const agent = new http.Agent({ keepAlive: true });

  const wait = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      const t = setTimeout(() => {
        timers.delete(t);
        resolve();
      }, ms);
      timers.add(t);
    });

  function pick(): FaultKind | null {
    const r = random();
    let acc = 0;
    for (const kind of FAULT_KINDS) {
      acc += rates[kind] ?? 0;
      if (r < acc) return kind;
    }
    return null;
  }

  function forward(req: http.IncomingMessage, body: Buffer): Promise<Upstream> {
    return new Promise((resolve, reject) => {
      const headers = { ...req.headers, host: target.host };
      delete headers.connection;
      const up = http.request(
        { host: target.hostname, port: target.port, method: req.method, path: req.url, headers, agent },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 502, headers: res.headers, body: Buffer.concat(chunks) }));
          res.on('error', reject);
        },
      );
      up.on('error', reject);
      up.end(body);
    });
  }

  function answer(res: http.ServerResponse, up: Upstream): void {
    const headers = { ...up.headers };
    delete headers['transfer-encoding'];
    delete headers.connection;
    delete headers['keep-alive'];
    res.writeHead(up.status, { ...headers, 'content-length': String(up.body.length) });
    res.end(up.body);
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        const method = req.method ?? 'GET';
        const path = new URL(req.url ?? '/', 'http://proxy').pathname;
        const fault = options.exempt?.(method, path) ? null : pick();
        const entry: ProxiedRequest = { method, path, fault, status: 0 };
        log.push(entry);
        if (fault) injected[fault]++;
        const body = Buffer.concat(chunks);
        try {
          switch (fault) {
            case 'drop-before':
              req.socket.destroy();
              return;
            case '5xx': {
              const status = [502, 503, 504][Math.floor(random() * 3)] ?? 503;
              entry.status = status;
              res.writeHead(status, { 'content-type': 'text/html' });
              res.end('<html><body>Service Unavailable</body></html>');
              return;
            }
            case '429':
              entry.status = 429;
              res.writeHead(429, { 'retry-after': '1', 'content-type': 'text/plain' });
              res.end('Too many requests');
              return;
            case 'delay':
              await wait(Math.floor(random() * maxDelayMs));
              break;
            default:
              break;
          }
          const up = await forward(req, body);
          entry.status = up.status;
          if (fault === 'drop-after') {
            req.socket.destroy();
            return;
          }
          if (fault === 'stall') {
            await wait(stallMs);
            req.socket.destroy();
            return;
          }
          if (fault === 'truncate' && up.body.length > 1) {
            const headers = { ...up.headers };
            delete headers['transfer-encoding'];
            res.writeHead(up.status, { ...headers, 'content-length': String(up.body.length) });
            res.write(up.body.subarray(0, Math.floor(up.body.length / 2)));
            // Let the half reach the client before the cut.
            await wait(5);
            req.socket.destroy();
            return;
          }
          answer(res, up);
        } catch {
          // The double itself failed or closed: a cut connection is what the client would see.
          req.socket.destroy();
        }
      })();
    });
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const folder = target.pathname.replace(/\/+$/, '');

  return {
    url: `http://127.0.0.1:${port}${folder}`,
    injected,
    log,
    setRates(next) {
      rates = { ...next };
    },
    faultShare: () => (log.length === 0 ? 0 : log.filter((r) => r.fault !== null).length / log.length),
    close: () =>
      new Promise<void>((resolve) => {
        for (const t of timers) clearTimeout(t);
        timers.clear();
        agent.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
