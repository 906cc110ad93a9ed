import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appOrigins, isAppUrl } from '../../../main/app/app-origin.js';
import { createAppProtocolHandler, resolveAppFile } from '../../../main/app/app-protocol.js';
import { contentSecurityPolicy } from '../../../main/app/window.js';

let base: string;
let root: string;

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'ds-app-protocol-'));
  root = join(base, 'renderer', 'dist');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><div id="root"></div>');
  writeFileSync(join(root, 'assets', 'index.js'), 'console.log(1)');
  writeFileSync(join(root, 'assets', 'index.css'), 'body{}');
  writeFileSync(join(base, 'secret.txt'), 'outside');
  writeFileSync(join(base, 'renderer', 'dist-other.txt'), 'sibling');
});
afterAll(() => rmSync(base, { recursive: true, force: true }));

describe('resolveAppFile', () => {
  it('maps app:// paths inside the folder', () => {
    expect(resolveAppFile(root, 'app://dropstream/')).toBe(join(root, 'index.html'));
    expect(resolveAppFile(root, 'app://dropstream/assets/index.js?v=1#x')).toBe(join(root, 'assets', 'index.js'));
  });

  it.each(['app://dropstream/../secret.txt', 'app://dropstream/%2e%2e/secret.txt', 'app://dropstream/%2e%2e/dist-other.txt'])(
    'keeps %s inside the folder (the URL parser removes dot segments)',
    (url) => {
      const file = resolveAppFile(root, url);
      expect(file?.startsWith(root + sep)).toBe(true);
    },
  );

  it.each([
    'app://dropstream/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
    'app://dropstream/..%5c..%5csecret.txt',
    'app://dropstream/%2e%2e%2fdist-other.txt',
    'app://dropstream/index.html%00.js',
    'app://dropstream/%E0%A4%A',
    'app://other/index.html',
    'file:///etc/passwd',
    'https://dropstream/index.html',
  ])('refuses %s', (url) => {
    expect(resolveAppFile(root, url)).toBeNull();
  });
});

describe('createAppProtocolHandler', () => {
  const csp = contentSecurityPolicy();
  const handler = () => createAppProtocolHandler(root, csp);

  it('serves the entry page with the CSP as a header and the right type', async () => {
    const res = await handler()(new Request('app://dropstream/index.html'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toBe(csp);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await res.text()).toContain('<div id="root">');
  });

  it('serves module scripts as JavaScript (a module script with another type is refused by the browser)', async () => {
    const res = await handler()(new Request('app://dropstream/assets/index.js'));
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await res.text()).toBe('console.log(1)');
  });

  it('answers 404 for files outside the folder, missing files and folders', async () => {
    for (const url of ['app://dropstream/%2e%2e/%2e%2e/secret.txt', 'app://dropstream/nope.js', 'app://dropstream/assets']) {
      const res = await handler()(new Request(url));
      expect(res.status).toBe(404);
      expect(await res.text()).not.toContain('outside');
    }
  });

  it('refuses methods other than GET/HEAD', async () => {
    const res = await handler()(new Request('app://dropstream/index.html', { method: 'POST', body: 'x' }));
    expect(res.status).toBe(405);
  });

  it('says what to do when the UI is not built', async () => {
    const res = await createAppProtocolHandler(join(base, 'missing'), csp)(new Request('app://dropstream/'));
    expect(res.status).toBe(404);
    expect(await res.text()).toContain('npm run build');
  });
});

describe('appOrigins / isAppUrl', () => {
  it('is app://dropstream when packaged', () => {
    const o = appOrigins();
    expect(o).toEqual({ origin: 'app://dropstream', entryUrl: 'app://dropstream/index.html' });
    expect(isAppUrl('app://dropstream/index.html#/queues', o)).toBe(true);
    expect(isAppUrl('app://dropstream.evil/', o)).toBe(false);
    expect(isAppUrl('app://user:pw@dropstream/', o)).toBe(false);
    expect(isAppUrl('file:///app/renderer/dist/index.html', o)).toBe(false);
    expect(isAppUrl('http://127.0.0.1:5173/', o)).toBe(false);
    expect(isAppUrl('garbage', o)).toBe(false);
  });

  it('accepts only a loopback http dev server', () => {
    const o = appOrigins('http://localhost:5173/');
    expect(isAppUrl('http://localhost:5173/src/main.tsx', o)).toBe(true);
    expect(isAppUrl('http://localhost:5174/', o)).toBe(false);
    expect(isAppUrl('app://dropstream/index.html', o)).toBe(false);
    expect(() => appOrigins('https://evil.example/')).toThrow(/127\.0\.0\.1/);
    expect(() => appOrigins('file:///tmp/index.html')).toThrow();
    expect(() => appOrigins('not a url')).toThrow(/not a URL/);
  });
});
