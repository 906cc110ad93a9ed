// The double's identity server: password and refresh grants with rotation, one session per grant reused across
// refreshes, invalid_client for a wrong or lapsed secret, invalid_grant for a wrong password or an old refresh token.
import { randomBytes } from 'node:crypto';

interface Session {
  id: string;
  username: string;
  /** When the password grant made it: refresh tokens stop working an absolute lifetime after this. */
  startedAt: number;
  ended: boolean;
  lastUsed: number;
  /** Granted `api:concurrent_access`: requests of this session may run in parallel (sessions.ts). */
  concurrent: boolean;
}

export interface OAuthCredentials {
  clientId: string;
  sharedSecret: string;
  username: string;
  password: string;
}

export interface TokenAnswer {
  status: number;
  body: Record<string, unknown>;
}

const SESSION_IDLE_MS = 10 * 60_000;

export class OAuthServer {
  readonly credentials: OAuthCredentials;
  secretExpired = false;
  private sessions = new Map<string, Session>();
  private accessTokens = new Map<string, { session: string; expiresAt: number }>();
  private refreshTokens = new Map<string, string>();
  grants = { password: 0, refresh: 0, rejected: 0, expiredRefresh: 0, loginLimit: 0 };

  constructor(
    credentials: OAuthCredentials,
    private readonly now: () => number,
    public tokenLifetimeSeconds: number,
    /** Absolute lifetime of a session's refresh tokens (IdentityServer's AbsoluteRefreshTokenLifetime); none if unset. */
    public refreshTokenLifetimeSeconds: number | null = null,
    /**
     * The licence's "Maximum Number of Web Services API Users": a sign-in beyond it is refused ("When an extra API
     * user tries to sign in … an error message is returned and the sign-in process is interrupted", Integration
     * Development Guide, License Restrictions for API Users). The wording "API Login Limit" is FACTS.md §6; the
     * status and shape at the token endpoint are not documented [I]: the double uses the most misleading one, an
     * RFC 6749 invalid_grant, which a client must not take for a wrong password.
     */
    public maxApiUsers: number | null = null,
  ) {
    this.credentials = { ...credentials };
  }

  token(form: URLSearchParams): TokenAnswer {
    const fail = (error: string, description?: string): TokenAnswer => {
      this.grants.rejected++;
      return { status: 400, body: description ? { error, error_description: description } : { error } };
    };
    if (form.get('client_id') !== this.credentials.clientId) return fail('invalid_client');
    if (form.get('client_secret') !== this.credentials.sharedSecret || this.secretExpired) return fail('invalid_client');
    const grant = form.get('grant_type');
    if (grant === 'password') {
      if (form.get('username') !== this.credentials.username || form.get('password') !== this.credentials.password) {
        return fail('invalid_grant', 'invalid_username_or_password');
      }
      const scopes = (form.get('scope') ?? '').split(' ');
      if (!scopes.includes('api')) return fail('invalid_scope');
      if (this.maxApiUsers !== null && this.activeSessions() >= this.maxApiUsers) {
        this.grants.loginLimit++;
        return { status: 400, body: { error: 'invalid_grant', error_description: 'API Login Limit' } };
      }
      this.grants.password++;
      const session: Session = {
        id: randomBytes(8).toString('hex'),
        username: this.credentials.username,
        startedAt: this.now(),
        ended: false,
        lastUsed: this.now(),
        concurrent: scopes.includes('api:concurrent_access'),
      };
      this.sessions.set(session.id, session);
      return { status: 200, body: this.issue(session, scopes.includes('offline_access')) };
    }
    if (grant === 'refresh_token') {
      const old = form.get('refresh_token') ?? '';
      const sessionId = this.refreshTokens.get(old);
      const session = sessionId ? this.sessions.get(sessionId) : undefined;
      if (!session || session.ended) return fail('invalid_grant');
      if (this.refreshTokenLifetimeSeconds !== null && this.now() - session.startedAt >= this.refreshTokenLifetimeSeconds * 1000) {
        this.refreshTokens.delete(old);
        this.grants.expiredRefresh++;
        return fail('invalid_grant');
      }
      this.refreshTokens.delete(old); // rotation: the old one never works again
      this.grants.refresh++;
      session.lastUsed = this.now();
      return { status: 200, body: this.issue(session, true) };
    }
    return fail('unsupported_grant_type');
  }

  private issue(session: Session, withRefresh: boolean): Record<string, unknown> {
    const access = randomBytes(24).toString('base64url');
    this.accessTokens.set(access, { session: session.id, expiresAt: this.now() + this.tokenLifetimeSeconds * 1000 });
    const body: Record<string, unknown> = { access_token: access, expires_in: this.tokenLifetimeSeconds, token_type: 'Bearer', scope: withRefresh ? 'api offline_access' : 'api' };
    if (withRefresh) {
      const refresh = randomBytes(24).toString('base64url');
      this.refreshTokens.set(refresh, session.id);
      body.refresh_token = refresh;
    }
    return body;
  }

  /** The session of a valid bearer header, or null (-> 401). */
  authenticate(header: string | undefined): string | null {
    const m = /^Bearer (.+)$/.exec(header ?? '');
    const entry = m ? this.accessTokens.get(m[1] ?? '') : undefined;
    if (!entry || entry.expiresAt <= this.now()) return null;
    const session = this.sessions.get(entry.session);
    if (!session || session.ended) return null;
    session.lastUsed = this.now();
    return session.id;
  }

  /** The session of a valid bearer header and whether it takes parallel requests, without touching it. */
  sessionOf(header: string | undefined): { id: string; concurrent: boolean } | null {
    const m = /^Bearer (.+)$/.exec(header ?? '');
    const entry = m ? this.accessTokens.get(m[1] ?? '') : undefined;
    if (!entry || entry.expiresAt <= this.now()) return null;
    const session = this.sessions.get(entry.session);
    return session && !session.ended ? { id: session.id, concurrent: session.concurrent } : null;
  }

  logout(header: string | undefined): void {
    const session = this.authenticate(header);
    if (!session) return;
    const s = this.sessions.get(session);
    if (s) s.ended = true;
    for (const [t, e] of this.accessTokens) if (e.session === session) this.accessTokens.delete(t);
    for (const [t, sid] of this.refreshTokens) if (sid === session) this.refreshTokens.delete(t);
  }

  activeSessions(): number {
    const now = this.now();
    return [...this.sessions.values()].filter((s) => !s.ended && now - s.lastUsed < SESSION_IDLE_MS).length;
  }

  revokeRefreshTokens(): void {
    this.refreshTokens.clear();
  }

  expireAccessTokens(): void {
    this.accessTokens.clear();
  }
}
