// Access to the served UI: a random token printed at start, exchanged once for an HttpOnly session cookie. Every
// request and event stream checks the cookie; state-changing requests also need a custom header and a same-origin
// Origin, so another site open in the same browser cannot drive the API.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const COOKIE = 'ds_session';

export function createAccess(token: string = randomBytes(24).toString('base64url')) {
  const sessions = new Set<string>();
  const expected = Buffer.from(token);
  return {
    token,
    /** A new session for a correct token, else null. */
    login(candidate: unknown): string | null {
      if (typeof candidate !== 'string') return null;
      const given = Buffer.from(candidate);
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
      const id = randomBytes(24).toString('base64url');
      sessions.add(id);
      return id;
    },
    hasSession(req: IncomingMessage): boolean {
      const id = cookieValue(req.headers.cookie, COOKIE);
      return id !== null && sessions.has(id);
    },
    cookie(id: string): string {
      return `${COOKIE}=${id}; HttpOnly; SameSite=Strict; Path=/`;
    },
  };
}

export type Access = ReturnType<typeof createAccess>;

function cookieValue(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return v.join('=');
  }
  return null;
}

/** Same-origin check for requests that change something: an Origin, when sent, must be this server's own. */
export function sameOrigin(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  const host = req.headers.host;
  return host !== undefined && (origin === `http://${host}` || origin === `https://${host}`);
}

/** Against DNS rebinding on a loopback server: the Host header must name the loopback address. */
export function allowedHost(req: IncomingMessage, boundHost: string): boolean {
  if (!['127.0.0.1', 'localhost', '::1'].includes(boundHost)) return true;
  const host = (req.headers.host ?? '').replace(/:\d+$/, '').replace(/^\[|\]$/g, '');
  return ['127.0.0.1', 'localhost', '::1'].includes(host);
}
