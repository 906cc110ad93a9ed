// Browser end-to-end helpers: Debian Chromium driven by playwright-core with a fresh profile per test, the served
// app (as a `dropstream serve --demo` child process or a core started in this process), a small API client that
// signs in with the printed token, and screenshots in light and dark.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type ConsoleMessage, type Page } from 'playwright-core';
import { startServer, type RunningServer } from '../../main/cli/server/http-server.js';
import { createCore, type CoreOptions, type RunningCore } from '../../main/core/create-core.js';
import type { Channel, RequestInput, RequestResult, Result } from '../../main/ipc/contract.js';
import { createSettingsStore, memorySettingsBackend } from '../../main/core/settings/store.js';
import type { AcumaticaDouble } from '../fakes/acumatica/index.js';
import { withMemoryWms, type MemoryWms } from '../fakes/memory-wms.js';
import { MemorySecretStore } from './secrets.js';

export const REPO_ROOT = resolve(import.meta.dirname, '../..');
export const RENDERER_DIST = join(REPO_ROOT, 'renderer/dist');
export const SCREENSHOT_DIR = join(REPO_ROOT, 'test-results/screenshots');
export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** The built UI folder; a clear failure when it has not been built. */
export function requireRendererBuild(): string {
  if (!existsSync(join(RENDERER_DIST, 'index.html'))) {
    throw new Error(`The UI is not built (no ${RENDERER_DIST}/index.html). Run "npm run build:renderer" first (npm test does it).`);
  }
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium is not installed at ${CHROMIUM}: apt-get install chromium.`);
  return RENDERER_DIST;
}

export interface BrowserSession {
  context: BrowserContext;
  page: Page;
  /** Text of every console error and uncaught page error so far. */
  errors: string[];
  close(): Promise<void>;
}

/** A fresh Chromium profile (its own user-data dir) with one page; console errors are collected. */
export async function openBrowser(options: { colorScheme?: 'light' | 'dark' } = {}): Promise<BrowserSession> {
  const profile = mkdtempSync(join(tmpdir(), 'dropstream-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 900 },
    colorScheme: options.colorScheme ?? 'light',
    acceptDownloads: false,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(15_000);
  const errors = collectErrors(page);
  return {
    context,
    page,
    errors,
    async close() {
      await context.close().catch(() => undefined);
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m: ConsoleMessage) => {
    if (m.type() === 'error') errors.push(`${m.text()} (${m.location().url})`);
  });
  page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
  return errors;
}

/** Waits until the app says its first screen has data (or the login screen shows). */
export async function waitForReady(page: Page, timeout = 15_000): Promise<void> {
  await page.waitForSelector('html[data-app-state="ready"]', { state: 'attached', timeout });
}

/** Saves the page as test-results/screenshots/<name>-light.png and -dark.png (the theme follows the OS). */
export async function screenshotBoth(page: Page, name: string): Promise<string[]> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const files: string[] = [];
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    const file = join(SCREENSHOT_DIR, `${name}-${scheme}.png`);
    await page.screenshot({ path: file, fullPage: true });
    files.push(file);
  }
  await page.emulateMedia({ colorScheme: 'light' });
  return files;
}

/**
 * Waits in the page, checking on every animation frame, until `condition` (a JavaScript expression) is true. Sent as
 * text through the DevTools protocol, so it runs under the page's strict CSP (no eval needed) and the Node-side code
 * needs no DOM types.
 */
export async function waitInPage(page: Page, condition: string, timeoutMs = 10_000): Promise<void> {
  await page.evaluate(`new Promise((resolve, reject) => {
    const started = performance.now();
    const check = () => {
      let ok = false;
      try { ok = Boolean(${condition}); } catch { ok = false; }
      if (ok) resolve(true);
      else if (performance.now() - started > ${timeoutMs}) reject(new Error('Timed out after ${timeoutMs} ms waiting in the page for: ' + ${JSON.stringify(condition)}));
      else requestAnimationFrame(check);
    };
    check();
  })`);
}

/** Opens a route of the app (e.g. "#/failed") and waits for the screen's test id. */
export async function openScreen(page: Page, hash: string, testId: string): Promise<void> {
  await page.evaluate(`window.location.hash = ${JSON.stringify(hash)}`);
  await page.waitForSelector(`[data-testid="${testId}"]`);
}

// ---------------------------------------------------------------------------------------------------------------
// The API over HTTP, as a signed-in browser uses it.

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export function httpCall(base: string, path: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Reply> {
  return new Promise((resolvePromise, reject) => {
    const req = request(new URL(path, base), { method: init.method ?? 'GET', headers: init.headers ?? {} }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolvePromise({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    if (init.body) req.write(init.body);
    req.end();
  });
}

export interface ApiClient {
  cookie: string;
  /** The raw JSON text of the answer (to check that no secret is in it) and its parsed result. */
  raw<C extends Channel>(channel: C, input: RequestInput<C>): Promise<{ text: string; result: Result<RequestResult<C>> }>;
  /** The value, or a thrown error with the server's words. */
  call<C extends Channel>(channel: C, input: RequestInput<C>): Promise<RequestResult<C>>;
}

/** Signs in with the access token (POST /api/login) and calls the API with the session cookie. */
export async function apiClient(base: string, token: string): Promise<ApiClient> {
  const login = await httpCall(base, '/api/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token }) });
  const setCookie = login.headers['set-cookie'];
  const first = Array.isArray(setCookie) ? setCookie[0] : setCookie;
  if (login.status !== 204 || !first) throw new Error(`Login with the printed token failed: HTTP ${login.status} ${login.body}`);
  const cookie = first.split(';')[0]!;
  const raw = async <C extends Channel>(channel: C, input: RequestInput<C>) => {
    const res = await httpCall(base, `/api/request/${channel}`, {
      method: 'POST',
      headers: { cookie, 'x-dropstream': '1', 'content-type': 'application/json' },
      body: JSON.stringify(input ?? {}),
    });
    if (res.status !== 200) throw new Error(`${channel}: HTTP ${res.status} ${res.body}`);
    return { text: res.body, result: JSON.parse(res.body) as Result<RequestResult<C>> };
  };
  return {
    cookie,
    raw,
    async call(channel, input) {
      const { result } = await raw(channel, input);
      if (!result.ok) throw new Error(`${channel} failed: ${result.error.kind}: ${result.error.message}`);
      return result.value;
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// A core and its server in this process, for tests that need control (doubles, secrets, a big store).

export interface InProcessApp {
  core: RunningCore;
  server: RunningServer;
  api: ApiClient;
  close(): Promise<void>;
}

/** createCore + startServer on 127.0.0.1:<random> serving the built UI; `start` runs the sync loop. */
export async function startInProcess(options: Omit<CoreOptions, 'shell'> & { start?: boolean }): Promise<InProcessApp> {
  const staticRoot = requireRendererBuild();
  const { start, ...coreOptions } = options;
  const core = await createCore({ ...coreOptions, shell: 'browser' });
  let server: RunningServer;
  try {
    server = await startServer({ core, host: '127.0.0.1', port: 0, staticRoot });
  } catch (e) {
    await core.stop();
    throw e;
  }
  if (start) core.start();
  const api = await apiClient(server.url, server.token);
  return {
    core,
    server,
    api,
    async close() {
      await server.close();
      await core.stop();
    },
  };
}

/**
 * A core configured for the Acumatica double and a memory warehouse, served on 127.0.0.1 and not started: the test
 * runs each cycle with syncOnce, so nothing moves unless the test moves it. The caller closes it.
 */
export async function startConfiguredApp(acumatica: AcumaticaDouble, wms: MemoryWms, dataDir: string): Promise<InProcessApp> {
  const settings = createSettingsStore(
    memorySettingsBackend({
      acumatica: { url: acumatica.url, clientId: acumatica.credentials.clientId, username: acumatica.credentials.username, overlapSeconds: 0, defaultBoxId: 'MEDIUM' },
      wms: { adapter: 'memory' },
    }),
    withMemoryWms(wms),
  );
  const secrets = new MemorySecretStore({ 'acumatica.sharedSecret': acumatica.credentials.sharedSecret, 'acumatica.password': acumatica.credentials.password });
  return startInProcess({ dataDir, secrets, settings });
}

/** Runs one sync cycle through the API and waits until the engine has finished it. */
export async function syncOnce(app: InProcessApp): Promise<void> {
  const before = (await app.api.call('status.get', {})).lastPollAt;
  await app.api.call('sync.now', {});
  await eventually('the sync cycle to finish', async () => {
    const s = await app.api.call('status.get', {});
    return !s.syncing && s.lastPollAt !== before;
  });
}

// ---------------------------------------------------------------------------------------------------------------
// `dropstream serve --demo` as a child process.

export interface ServedDemo {
  url: string;
  loginUrl: string;
  token: string;
  dataDir: string;
  child: ChildProcess;
  /** Everything the process wrote to stderr (its info lines, and any crash). */
  stderr(): string;
  stop(): Promise<void>;
}

const serveOutput = (text: string): { url: string; loginUrl: string; dataDir: string } | null => {
  // --json prints one (pretty) JSON object once listening.
  const start = text.indexOf('{');
  if (start < 0) return null;
  try {
    const v = JSON.parse(text.slice(start)) as { url?: unknown; loginUrl?: unknown; dataDir?: unknown };
    if (typeof v.url === 'string' && typeof v.loginUrl === 'string' && typeof v.dataDir === 'string') return { url: v.url, loginUrl: v.loginUrl, dataDir: v.dataDir };
  } catch {
    // not complete yet
  }
  return null;
};

export async function startServeDemo(home: string, timeoutMs = 30_000): Promise<ServedDemo> {
  requireRendererBuild();
  const child = spawn(process.execPath, [join(REPO_ROOT, 'bin/dropstream.js'), '--json', 'serve', '--demo', '--port', '0', '--home', home], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env },
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr.on('data', (c: Buffer) => (err += c.toString()));
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const info = await new Promise<{ url: string; loginUrl: string; dataDir: string }>((resolvePromise, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`dropstream serve --demo did not print its address within ${timeoutMs} ms. stderr:\n${err}`));
    }, timeoutMs);
    const check = () => {
      const parsed = serveOutput(out);
      if (parsed) {
        clearTimeout(timer);
        resolvePromise(parsed);
      }
    };
    child.stdout.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`dropstream serve --demo exited (code ${code}) before listening. stderr:\n${err}`));
    });
  });
  const token = new URL(info.loginUrl).hash.replace(/^#token=/, '');
  return {
    ...info,
    token,
    child,
    stderr: () => err,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(killer);
    },
  };
}

/** Polls `probe` until it returns a value other than undefined/false, or fails after `timeoutMs` with `what`. */
export async function eventually<T>(what: string, probe: () => Promise<T | undefined | false>, timeoutMs = 30_000, everyMs = 200): Promise<T> {
  const until = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await probe();
      if (v !== undefined && v !== false) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > until) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}${last instanceof Error ? `: ${last.message}` : ''}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
