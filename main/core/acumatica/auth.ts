// OAuth 2.0 password grant with rotating refresh tokens. The access token lives in memory only; each new refresh
// token goes to the SecretStore at once. A rejected credential is remembered (as a hash) so the server is not asked
// again until the stored secret or password changes or the user says it changed.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { Clock } from '../clock.js';
import { AppError, type CredentialName } from '../errors.js';
import type { Logger } from '../log/logger.js';
import type { SecretStore } from '../secrets/secret-store.js';
import type { AcumaticaHttp } from './http.js';
import { loginLimit, serverWords } from './classify.js';
import { withRetries } from './retry.js';

const tokenResponse = z.object({
  access_token: z.string().min(1),
  expires_in: z.coerce.number().positive().default(3600),
  refresh_token: z.string().min(1).optional(),
});
const oauthError = z.object({ error: z.string(), error_description: z.string().optional() }).loose();
const oauthWords = (data: unknown): string | undefined => {
  const e = oauthError.safeParse(data);
  return e.success ? (e.data.error_description ? `${e.data.error}: ${e.data.error_description}` : e.data.error) : undefined;
};

export interface TokenManager {
  /** A valid access token, signing in or refreshing when needed. One grant at a time. */
  accessToken(signal?: AbortSignal): Promise<string>;
  /** The server answered 401 to this token: forget it so the next call refreshes. */
  invalidate(token: string): void;
  /** True while this token was issued moments ago (a 401 to it is not a lapse but the server not accepting it). */
  isFresh(token: string): boolean;
  /** Forget a remembered rejection (the user saved new credentials, or asked to test again). */
  credentialsChanged(): void;
  /** The rejection that currently blocks sign-in, if any. */
  rejection(): AppError | null;
  logout(): Promise<void>;
}

class OAuthRejected extends Error {
  constructor(readonly error: string, readonly description: string | undefined) {
    super(description ? `${error}: ${description}` : error);
  }
}

export function createTokenManager(deps: {
  http: AcumaticaHttp;
  clientId: string;
  username: string;
  secrets: SecretStore;
  clock: Clock;
  logger: Logger;
  random: () => number;
  /** Ask for `api:concurrent_access` too: the session then takes parallel requests (#14 item 13). */
  concurrentAccess?: boolean;
}): TokenManager {
  const { http, secrets, clock, logger } = deps;
  const tokenUrl = `${http.instanceUrl}/identity/connect/token`;
  const scope = deps.concurrentAccess ? 'api offline_access api:concurrent_access' : 'api offline_access';
  let access: { token: string; refreshAt: number; issuedAt: number; lifetime: number } | null = null;
  let refreshToken: string | null = null;
  let inflight: Promise<string> | null = null;
  let rejected: { error: AppError; fingerprint: string } | null = null;

  const fingerprint = (secret: string, password: string): string =>
    createHash('sha256').update(`${deps.clientId}\u0000${deps.username}\u0000${secret}\u0000${password}`).digest('hex');

  async function post(form: Record<string, string>, signal?: AbortSignal): Promise<z.infer<typeof tokenResponse>> {
    const res = await withRetries(
      () => http.send({ method: 'POST', url: tokenUrl, data: new URLSearchParams(form).toString(), headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, unthrottled: true, ...(signal ? { signal } : {}) })
        .then((r) => {
          // The licence's API user limit, whatever the status and shape it comes in: not a wrong password (#14
          // item 12). Acumatica: "When an extra API user tries to sign in … and the number of API user sessions
          // exceeds your license restriction, an error message is returned" (Integration Development Guide,
          // License Restrictions for API Users); FACTS.md §6: the text may be "API Login Limit".
          const text = typeof r.data === 'string' ? r.data : JSON.stringify(r.data ?? '');
          if (/login limit/i.test(text)) {
            logger.debug('acumatica sign-in refused: API login limit', { status: r.status });
            throw loginLimit(serverWords(r.data) ?? oauthWords(r.data) ?? 'API Login Limit', undefined, r.status);
          }
          if (r.status >= 500 || r.status === 429) {
            throw new AppError('transient', `The Acumatica sign-in service answered ${r.status}; the app tries again later.`, { status: r.status });
          }
          return r;
        }),
      { tuning: http.tuning, clock, random: deps.random, idempotent: true, ...(signal ? { signal } : {}) },
    );
    if (res.status === 200) {
      const ok = tokenResponse.safeParse(res.data);
      if (ok.success) return ok.data;
      throw new AppError('business', 'The Acumatica sign-in service sent an answer without an access token: check the Instance URL.', { status: res.status });
    }
    const err = oauthError.safeParse(res.data);
    if (err.success) throw new OAuthRejected(err.data.error, err.data.error_description);
    throw new AppError('config', `The Acumatica sign-in service answered ${res.status} at ${tokenUrl}: check the Instance URL (include the instance's folder for on-premise sites).`, { status: res.status });
  }

  function reject(credential: CredentialName, e: OAuthRejected, fp: string): never {
    const message =
      credential === 'acumatica-shared-secret'
        ? 'Acumatica rejected the Client ID or Shared Secret (it may have expired). In Acumatica open Connected Applications, add a new Shared Secret for this application, then save it in Settings > Acumatica.'
        : `Acumatica rejected the sign-in of user "${deps.username}" (wrong password, user disabled or a password change pending). Fix the user in Acumatica if needed, then save the password in Settings > Acumatica.`;
    const error = new AppError('credentials-rejected', message, { credential, serverMessage: e.message });
    rejected = { error, fingerprint: fp };
    access = null;
    logger.warn('acumatica sign-in rejected', { credential, server: e.message });
    throw error;
  }

  function other(e: OAuthRejected): never {
    const hint =
      e.error === 'unauthorized_client'
        ? 'The Connected Application does not allow this sign-in: set its OAuth flow to Resource Owner Password Credentials.'
        : e.error === 'invalid_scope'
          ? deps.concurrentAccess
            ? `The Connected Application refuses the scope "${scope}": allow concurrent access for it in Acumatica, or turn off "Parallel requests" in Settings > Acumatica.`
            : 'The Connected Application refuses the scope "api offline_access": set its Refresh Token Mode to something other than "No Refresh Tokens".'
          : `Acumatica refused the sign-in (${e.error}): check the Connected Application in Acumatica.`;
    throw new AppError('config', hint, { serverMessage: e.message });
  }

  async function accept(t: z.infer<typeof tokenResponse>): Promise<string> {
    const lifetime = t.expires_in * 1000;
    access = { token: t.access_token, refreshAt: clock.now() + lifetime - Math.min(60_000, lifetime / 10), issuedAt: clock.now(), lifetime };
    refreshToken = t.refresh_token ?? null;
    if (t.refresh_token) {
      try {
        await secrets.set('acumatica.refreshToken', t.refresh_token);
      } catch (e) {
        // The token still works from memory; after a restart the old one fails and the password grant takes over.
        logger.warn('could not store the Acumatica refresh token', { error: e instanceof Error ? e.message : String(e) });
      }
    }
    return t.access_token;
  }

  async function grant(signal?: AbortSignal): Promise<string> {
    const secret = await secrets.get('acumatica.sharedSecret');
    const password = await secrets.get('acumatica.password');
    if (!secret) throw new AppError('config', `Enter the Acumatica Shared Secret in Settings > Acumatica (kept in the ${secrets.description}).`);
    if (!password) throw new AppError('config', `Enter the password of the Acumatica user in Settings > Acumatica (kept in the ${secrets.description}).`);
    const fp = fingerprint(secret, password);
    if (rejected) {
      if (rejected.fingerprint === fp) throw rejected.error;
      rejected = null;
    }
    const base = { client_id: deps.clientId, client_secret: secret };
    const stored = refreshToken ?? (await secrets.get('acumatica.refreshToken'));
    if (stored) {
      refreshToken = null; // never reuse a refresh token once sent
      try {
        const t = await accept(await post({ ...base, grant_type: 'refresh_token', refresh_token: stored }, signal));
        logger.debug('acumatica token refreshed', { expiresInSeconds: access?.lifetime === undefined ? undefined : access.lifetime / 1000 });
        return t;
      } catch (e) {
        if (!(e instanceof OAuthRejected)) throw e;
        if (e.error === 'invalid_client') reject('acumatica-shared-secret', e, fp);
        logger.info('acumatica refresh token rejected; signing in with the password', { server: e.message });
        await secrets.delete('acumatica.refreshToken').catch(() => undefined);
      }
    }
    try {
      const t = await accept(await post({ ...base, grant_type: 'password', username: deps.username, password, scope }, signal));
      logger.debug('acumatica token granted (password sign-in)', { scope, expiresInSeconds: access?.lifetime === undefined ? undefined : access.lifetime / 1000 });
      return t;
    } catch (e) {
      if (!(e instanceof OAuthRejected)) throw e;
      if (e.error === 'invalid_client') reject('acumatica-shared-secret', e, fp);
      if (e.error === 'invalid_grant') reject('acumatica-password', e, fp);
      return other(e);
    }
  }

  return {
    async accessToken(signal) {
      if (access && clock.now() < access.refreshAt && !rejected) return access.token;
      inflight ??= grant(signal).finally(() => {
        inflight = null;
      });
      return inflight;
    },
    invalidate(token) {
      if (access?.token === token) {
        logger.debug('acumatica token answered 401; a new one is asked for', { ageMs: clock.now() - access.issuedAt });
        access = null;
      }
    },
    isFresh(token) {
      // Issued within the last few seconds (or the first tenth of a short lifetime): it cannot have lapsed yet.
      return access?.token === token && clock.now() - access.issuedAt < Math.min(5_000, access.lifetime / 2);
    },
    credentialsChanged() {
      rejected = null;
    },
    rejection: () => rejected?.error ?? null,
    async logout() {
      const current = access;
      access = null;
      refreshToken = null;
      if (current) {
        try {
          await http.send({
            method: 'POST',
            url: `${http.instanceUrl}/entity/auth/logout`,
            unthrottled: true,
            headers: { Authorization: `Bearer ${current.token}`, 'Content-Length': '0' },
          });
        } catch (e) {
          logger.debug('acumatica logout failed (ignored)', { error: e instanceof Error ? e.message : String(e) });
        }
      }
      // The session is gone; its refresh token is of no further use.
      await secrets.delete('acumatica.refreshToken').catch(() => undefined);
    },
  };
}
