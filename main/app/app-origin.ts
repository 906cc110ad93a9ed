// Where the app's own pages come from, and the one question every security check asks: "is this URL ours?".
// Packaged builds serve the renderer from the privileged app:// scheme (see ./app-protocol.ts) rather than file://,
// so the page has a real origin of its own and cannot read the rest of the disk; development uses the Vite server.

export const APP_SCHEME = 'app';
export const APP_HOST = 'dropstream';
/** The origin of the packaged renderer. */
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

export interface AppOrigins {
  /** The origin pages are loaded from: app://dropstream, or the dev server's origin in development. */
  readonly origin: string;
  /** The first page to load. */
  readonly entryUrl: string;
}

/**
 * The origin of the renderer: the dev server when one is given (development only), else app://dropstream.
 * A dev server must be http(s) on the loopback interface: anything else is refused so an environment variable
 * cannot point the privileged window at a remote site.
 */
export function appOrigins(devServerUrl?: string): AppOrigins {
  if (!devServerUrl) return { origin: APP_ORIGIN, entryUrl: APP_ENTRY_URL };
  let url: URL;
  try {
    url = new URL(devServerUrl);
  } catch {
    throw new Error(`The dev server URL "${devServerUrl}" is not a URL. Use e.g. http://127.0.0.1:5173/`);
  }
  const loopback = url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.hostname === '[::1]';
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !loopback || url.username || url.password) {
    throw new Error(`The dev server URL must be http://127.0.0.1:<port>/ or http://localhost:<port>/ (got "${devServerUrl}").`);
  }
  return { origin: url.origin, entryUrl: url.href };
}

/** True when `url` is a page or resource of the app itself (same origin, exactly). */
export function isAppUrl(url: string, origins: AppOrigins): boolean {
  try {
    const parsed = new URL(url);
    // For a non-special scheme like app:, URL.origin is "null": compare scheme + host instead.
    const origin = parsed.origin === 'null' ? `${parsed.protocol}//${parsed.host}` : parsed.origin;
    return origin === origins.origin && !parsed.username && !parsed.password;
  } catch {
    return false;
  }
}
