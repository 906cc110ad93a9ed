// Serves the built renderer on app://dropstream/ instead of file://. A file:// page may read any file on the disk
// and shares the "null" origin with every other file; app:// gives the page an origin of its own, so 'self' in the
// CSP means exactly "the app's files", the IPC sender check has one origin to compare, and the CSP is sent as a
// real response header. The handler is a plain (Request) => Promise<Response>, so it runs under Node in tests.
import { readFile, stat } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import { APP_HOST, APP_SCHEME } from './app-origin.js';

/** Must be registered with protocol.registerSchemesAsPrivileged before the app is ready. */
export const APP_SCHEME_PRIVILEGES = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
} as const;

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

/**
 * The file under `root` that an app:// URL names, or null when the URL is not ours or would leave the folder
 * (`..`, encoded separators, NUL, backslashes).
 */
export function resolveAppFile(root: string, url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return null;
  let path: string;
  try {
    path = decodeURIComponent(parsed.pathname);
  } catch {
    return null;
  }
  if (path.includes('\0') || path.includes('\\')) return null;
  if (path === '/' || path === '') path = '/index.html';
  const base = resolve(root);
  const file = resolve(base, `.${path}`);
  if (!file.startsWith(base + sep)) return null;
  return file;
}

/** The protocol.handle handler for app://. */
export function createAppProtocolHandler(root: string, csp: string): (request: Request) => Promise<Response> {
  const headers = (type: string): Record<string, string> => ({
    'Content-Type': type,
    'Content-Security-Policy': csp,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-cache',
  });
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return new Response('Method not allowed', { status: 405, headers: headers('text/plain; charset=utf-8') });
    }
    const file = resolveAppFile(root, request.url);
    if (!file) return new Response('Not found', { status: 404, headers: headers('text/plain; charset=utf-8') });
    try {
      if (!(await stat(file)).isFile()) throw new Error('not a file');
      const body = await readFile(file);
      return new Response(request.method === 'HEAD' ? null : body, {
        status: 200,
        headers: headers(TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream'),
      });
    } catch {
      const hint = file.endsWith('index.html') ? ' The UI is not built: run `npm run build` first.' : '';
      return new Response(`Not found.${hint}`, { status: 404, headers: headers('text/plain; charset=utf-8') });
    }
  };
}
