import { describe, expect, it, vi } from 'vitest';
import { createOpenExternal, externalAllowList, isAllowedExternalUrl } from '../../../main/app/external-links.js';

const allow = externalAllowList({
  acumatica: { url: 'https://acme.acumatica.com/AcumaticaERP' } as never,
});

describe('externalAllowList', () => {
  it('holds the docs host and the configured instance host', () => {
    expect(allow).toEqual(['docs.dropstream.app', 'acme.acumatica.com']);
  });
  it('adds no instance when none is configured or it is not https', () => {
    expect(externalAllowList({})).toEqual(['docs.dropstream.app']);
    expect(externalAllowList({ acumatica: { url: 'http://erp.local' } as never })).toEqual(['docs.dropstream.app']);
  });
});

describe('isAllowedExternalUrl', () => {
  it.each([
    ['https://docs.dropstream.app/guide#retry', true],
    ['https://acme.acumatica.com/Main?ScreenId=SO301000&OrderNbr=SO0001', true],
    ['https://ACME.acumatica.com/', true],
    ['https://acme.acumatica.com:443/', true],
    ['https://acme.acumatica.com./', true],
    ['http://acme.acumatica.com/', false],
    ['javascript:alert(1)', false],
    ['JaVaScRiPt:alert(1)', false],
    ['file:///etc/passwd', false],
    ['file://acme.acumatica.com/share', false],
    ['data:text/html,<script>alert(1)</script>', false],
    ['vbscript:msgbox(1)', false],
    ['ms-settings:privacy', false],
    ['smb://acme.acumatica.com/share', false],
    ['mailto:ops@acme.com', false],
    ['https://user:pass@acme.acumatica.com/', false],
    ['https://user@acme.acumatica.com/', false],
    ['https://acme.acumatica.com:8443/', false],
    ['https://evil.acme.acumatica.com/', false],
    ['https://acme.acumatica.com.evil.example/', false],
    ['https://evil.example/?u=https://acme.acumatica.com', false],
    ['https://evil.example\\@acme.acumatica.com/', false],
    ['//acme.acumatica.com/', false],
    ['acme.acumatica.com', false],
    ['', false],
    ['not a url', false],
  ])('%s -> %s', (url, expected) => {
    expect(isAllowedExternalUrl(url, allow)).toBe(expected);
  });

  it('refuses what is not a string and overlong URLs', () => {
    expect(isAllowedExternalUrl(42, allow)).toBe(false);
    expect(isAllowedExternalUrl({ href: 'https://docs.dropstream.app/' }, allow)).toBe(false);
    expect(isAllowedExternalUrl(`https://docs.dropstream.app/${'a'.repeat(2_100)}`, allow)).toBe(false);
  });
});

describe('createOpenExternal', () => {
  it('opens allowed URLs and refuses others without calling the OS, logging no query string', async () => {
    const opened: string[] = [];
    const warn = vi.fn();
    const open = createOpenExternal(async (u) => void opened.push(u), () => allow, warn);
    expect(await open('https://docs.dropstream.app/a?b=c')).toBe(true);
    expect(await open('file:///etc/passwd')).toBe(false);
    expect(await open('https://evil.example/?token=s3cret')).toBe(false);
    expect(opened).toEqual(['https://docs.dropstream.app/a?b=c']);
    expect(JSON.stringify(warn.mock.calls)).not.toContain('s3cret');
  });

  it('reads the allow-list on each call, so a newly configured instance is allowed at once', async () => {
    let list = ['docs.dropstream.app'];
    const open = createOpenExternal(async () => undefined, () => list);
    expect(await open('https://new.acumatica.com/')).toBe(false);
    list = [...list, 'new.acumatica.com'];
    expect(await open('https://new.acumatica.com/')).toBe(true);
  });

  it('answers false when the OS cannot open the link', async () => {
    const open = createOpenExternal(async () => Promise.reject(new Error('no browser')), () => allow);
    expect(await open('https://docs.dropstream.app/')).toBe(false);
  });
});
