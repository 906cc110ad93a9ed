// The browser shell: the same API as the Electron preload, over HTTP (requests) and Server-Sent Events (pushed
// events), plus the built renderer. Bound to 127.0.0.1 unless told otherwise; every request needs the session that
// the printed token opens.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Core } from '../../core/host.js';
import { CHANNELS, type Channel } from '../../ipc/contract.js';
import { allowedHost, createAccess, sameOrigin, type Access } from './auth.js';
import { securityHeaders, serveStatic } from './static.js';

export interface ServeOptions {
  core: Core;
  host: string;
  port: number;
  staticRoot: string;
  token?: string;
}

export interface RunningServer {
  url: string;
  /** The address with the token, to open in a browser. */
  loginUrl: string;
  token: string;
  close(): Promise<void>;
}

const MAX_BODY = 25 * 1024 * 1024;

export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const access = createAccess(options.token);
  const streams = new Set<ServerResponse>();
  const unsubscribe = options.core.subscribe((event, payload) => {
    const frame = `event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`;
    for (const res of streams) res.write(frame);
  });
  const heartbeat = setInterval(() => {
    for (const res of streams) res.write(': keep-alive\n\n');
  }, 15_000);

  const server: Server = createServer((req, res) => {
    securityHeaders(res);
    handle(req, res, options, access, streams).catch(() => {
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ ok: false, error: { kind: 'internal', message: 'The server could not answer this request.' } }));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const hostForUrl = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${hostForUrl}:${address.port}`;
  return {
    url,
    loginUrl: `${url}/#token=${access.token}`,
    token: access.token,
    async close() {
      clearInterval(heartbeat);
      unsubscribe();
      for (const res of streams) res.end();
      streams.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function handle(req: IncomingMessage, res: ServerResponse, options: ServeOptions, access: Access, streams: Set<ServerResponse>): Promise<void> {
  if (!allowedHost(req, options.host)) return json(res, 403, { ok: false, error: { kind: 'invalid-input', message: 'Unknown host name.' } });
  const url = new URL(req.url ?? '/', 'http://local');
  if (!url.pathname.startsWith('/api/')) {
    if (req.method !== 'GET' && req.method !== 'HEAD') return json(res, 405, { ok: false });
    return serveStatic(options.staticRoot, url.pathname, res);
  }
  if (req.method === 'POST' && !sameOrigin(req)) {
    return json(res, 403, { ok: false, error: { kind: 'invalid-input', message: 'Requests from other sites are refused.' } });
  }
  if (url.pathname === '/api/login' && req.method === 'POST') {
    const body = await readJson(req);
    const session = access.login((body as { token?: unknown } | null)?.token);
    if (!session) return json(res, 401, { ok: false, error: { kind: 'invalid-input', message: 'That access token is not right: use the one printed by `dropstream serve`.' } });
    res.writeHead(204, { 'Set-Cookie': access.cookie(session) }).end();
    return;
  }
  if (!access.hasSession(req)) {
    return json(res, 401, { ok: false, error: { kind: 'invalid-input', message: 'Sign in with the access token printed by `dropstream serve`.' } });
  }
  if (url.pathname === '/api/session' && req.method === 'GET') return json(res, 200, { ok: true });
  if (url.pathname === '/api/events' && req.method === 'GET') {
    res.writeHead(200, { 'Content-Type': 'text/event-stream', Connection: 'keep-alive' });
    res.write('retry: 2000\n\n');
    streams.add(res);
    req.on('close', () => streams.delete(res));
    return;
  }
  const match = /^\/api\/request\/([a-zA-Z.]+)$/.exec(url.pathname);
  if (match && req.method === 'POST') {
    if (req.headers['x-dropstream'] !== '1') return json(res, 403, { ok: false, error: { kind: 'invalid-input', message: 'Missing X-DropStream header.' } });
    const channel = match[1] as Channel;
    if (!(CHANNELS as readonly string[]).includes(channel)) {
      return json(res, 404, { ok: false, error: { kind: 'invalid-input', message: `There is no request "${channel}".` } });
    }
    const body = await readJson(req);
    if (body === INVALID) return json(res, 400, { ok: false, error: { kind: 'invalid-input', message: 'The request body is not JSON.' } });
    return json(res, 200, await options.core.handlers[channel](body));
  }
  return json(res, 404, { ok: false, error: { kind: 'not-found', message: 'Not found.' } });
}

const INVALID = Symbol('invalid');

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY) return INVALID;
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return INVALID;
  }
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}
