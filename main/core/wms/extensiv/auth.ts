// OAuth 2 client credentials at the Extensiv AuthServer: the client id and secret as Basic, the user login (and the
// tpl GUID when the credentials need it) in the body. Extensiv has no refresh token: a new token is requested the
// same way before the old one runs out.
import { z } from 'zod';
import type { Clock } from '../../clock.js';
import { AppError } from '../../errors.js';
import type { Logger } from '../../log/logger.js';
import type { SecretStore } from '../../secrets/secret-store.js';
import { classifyResponse, serverWords } from './errors.js';
import type { Transport } from './transport.js';

const tokenResponse = z.object({
  access_token: z.string().min(1),
  token_type: z.string().nullish(),
  expires_in: z.coerce.number().positive().nullish(),
});

/** Extensiv's help center: refresh "no less than every 30 minutes", whatever expires_in says. */
const MAX_TOKEN_LIFE_MS = 30 * 60_000;
const RENEW_MARGIN_MS = 2 * 60_000;

/**
 * Which token-body field names the API user. Extensiv's Rels/auth documents `user_login` (the login name); public
 * clients also send `user_login_id`, which is the user's numeric id (Stitch's 3PL Central form: "The ID for the 3PL
 * Central user", value <USER_INTEGER_ID>; Airbyte's authenticator types it `int`). A login name sent as
 * `user_login_id` is refused, so an all-digits value goes as the number, anything else as the login name.
 */
export function loginField(configured: string): { user_login_id: number } | { user_login: string } {
  const value = configured.trim();
  return /^\d+$/.test(value) && Number.isSafeInteger(Number(value)) ? { user_login_id: Number(value) } : { user_login: value };
}

export interface TokenSource {
  /** A valid access token, from the cache when it has life left. */
  get(): Promise<string>;
  /** Forget `token` (it was refused with 401), so the next get() asks for a new one. */
  invalidate(token: string): void;
}

export interface TokenDeps {
  transport: Transport;
  tokenUrl: string;
  clientId: string;
  userLoginId: string;
  tpl: string | undefined;
  secrets: SecretStore;
  clock: Clock;
  logger: Logger;
}

export function createTokenSource(deps: TokenDeps): TokenSource {
  let cached: { token: string; renewAt: number } | null = null;
  let inFlight: Promise<string> | null = null;

  async function fetchToken(): Promise<string> {
    const secret = await deps.secrets.get('wms.extensiv.clientSecret');
    if (!secret) {
      throw new AppError('credentials-rejected', `The Extensiv client secret is not saved in the ${deps.secrets.description}: enter it in Settings > Warehouse.`, {
        credential: 'wms-client-secret',
      });
    }
    const body: Record<string, string | number> = { grant_type: 'client_credentials', ...loginField(deps.userLoginId) };
    if (deps.tpl) body.tpl = deps.tpl;
    const basic = Buffer.from(`${deps.clientId}:${secret}`, 'utf8').toString('base64');
    const res = await deps.transport.send({
      method: 'POST',
      url: deps.tokenUrl,
      headers: { Authorization: `Basic ${basic}`, 'Content-Type': 'application/json; charset=utf-8', Accept: 'application/json' },
      body: JSON.stringify(body),
    });
    const path = new URL(deps.tokenUrl).pathname;
    if (res.status === 400 || res.status === 401 || res.status === 403) {
      throw new AppError(
        'credentials-rejected',
        `Extensiv refused the sign-in of client id "${deps.clientId}" for API user "${deps.userLoginId}": ${serverWords(res.text)}. Check the client secret (and the client id, the API user's login name or numeric user id, and tpl) in Settings > Warehouse.`,
        { status: res.status, credential: 'wms-client-secret', ...(res.text ? { serverMessage: res.text } : {}) },
      );
    }
    if (res.status < 200 || res.status >= 300) {
      throw classifyResponse({ status: res.status, text: res.text, retryAfter: res.headers['retry-after'], method: 'POST', path }, deps.clock.now());
    }
    let json: unknown;
    try {
      json = JSON.parse(res.text);
    } catch {
      json = undefined;
    }
    const parsed = tokenResponse.safeParse(json);
    if (!parsed.success) {
      throw new AppError('business', `The Extensiv token endpoint ${deps.tokenUrl} answered without an access token: check the base URL in Settings > Warehouse.`, {
        status: res.status,
      });
    }
    const lifeMs = Math.min(MAX_TOKEN_LIFE_MS, (parsed.data.expires_in ?? 1800) * 1000);
    cached = { token: parsed.data.access_token, renewAt: deps.clock.now() + Math.max(lifeMs - RENEW_MARGIN_MS, lifeMs / 2) };
    deps.logger.debug('Extensiv access token obtained', { lifeSeconds: Math.round(lifeMs / 1000) });
    return parsed.data.access_token;
  }

  return {
    async get() {
      if (cached && deps.clock.now() < cached.renewAt) return cached.token;
      // One request for all callers waiting at the same moment.
      inFlight ??= fetchToken().finally(() => {
        inFlight = null;
      });
      return inFlight;
    },
    invalidate(token) {
      if (cached?.token === token) cached = null;
    },
  };
}
