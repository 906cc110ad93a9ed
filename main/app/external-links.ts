// The only way out of the app to the web: an allow-listed https URL opened in the system browser. Everything else
// (javascript:, file:, data:, plain http, custom schemes that launch other programs, URLs with credentials, hosts
// nobody listed) is refused, because a compromised page could otherwise use "open external" to run things.
import type { Settings } from '../core/settings/schema.js';

/** Where the user guide lives. */
export const DOCS_HOSTS: readonly string[] = ['docs.dropstream.app'];

/** Hosts the app may open: the docs, and the configured Acumatica instance (so "open in Acumatica" links work). */
export function externalAllowList(settings: Pick<Settings, 'acumatica'>, docsHosts: readonly string[] = DOCS_HOSTS): string[] {
  const hosts = [...docsHosts];
  const instance = settings.acumatica?.url;
  if (instance) {
    try {
      const url = new URL(instance);
      if (url.protocol === 'https:') hosts.push(url.hostname);
    } catch {
      // An unreadable instance URL adds nothing; the settings screen reports it.
    }
  }
  return hosts.map((h) => h.toLowerCase());
}

/** True only for an https URL without credentials whose host is exactly one of `allowList` (no subdomains). */
export function isAllowedExternalUrl(url: unknown, allowList: readonly string[]): boolean {
  if (typeof url !== 'string' || url.length > 2_000) return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'https:') return false;
  if (parsed.username || parsed.password) return false;
  // A port other than 443 would reach a different service on an allowed host.
  if (parsed.port && parsed.port !== '443') return false;
  const host = parsed.hostname.toLowerCase().replace(/\.$/, '');
  return allowList.some((allowed) => allowed.toLowerCase() === host);
}

/**
 * "Open in browser" for the shell: checks the URL against the current allow-list and hands it to the OS.
 * Returns whether it was opened, never throws.
 */
export function createOpenExternal(
  openInOs: (url: string) => Promise<void>,
  allowList: () => readonly string[],
  warn: (message: string, meta: Record<string, unknown>) => void = () => {},
): (url: string) => Promise<boolean> {
  return async (url) => {
    if (!isAllowedExternalUrl(url, allowList())) {
      // Only the scheme and host are logged: a query string could carry something private.
      warn('Refused to open a link that is not on the allow-list', describe(url));
      return false;
    }
    try {
      await openInOs(new URL(url).href);
      return true;
    } catch (e) {
      warn('The system browser could not open a link', { error: e instanceof Error ? e.message : String(e) });
      return false;
    }
  };
}

function describe(url: string): Record<string, unknown> {
  try {
    const parsed = new URL(url);
    return { scheme: parsed.protocol, host: parsed.hostname };
  } catch {
    return { scheme: '(not a URL)' };
  }
}
