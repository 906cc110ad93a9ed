import { describe, expect, test } from 'vitest';
import { x12ProfileSchema } from '../../../main/core/wms/file-exchange/x12/settings.js';

describe('X12 partner profile', () => {
  test('defaults make a complete profile', () => {
    expect(x12ProfileSchema.parse({})).toMatchObject({ version: '004010', usage: 'P', elementSeparator: '*', segmentTerminator: '~', componentSeparator: '>', tracking: 'MAN:CP', itemQualifier: 'VN' });
  });

  test.each([
    [{ elementSeparator: '~' }, /three different characters/],
    [{ componentSeparator: 'A' }, /not a letter/],
    [{ sender: 'ZZ:ACME*ERP' }, /sender must not contain a separator/],
    [{ receiver: 'ACME' }, /QUALIFIER:ID/],
    [{ tracking: 'W12:CP' }, /MAN:CP/],
    [{ units: { PIECE: 'EACH' } }, /2 characters/],
    [{ shipVia: { FEDEX: { scac: 'fedex-ground' } } }, /SCAC/],
  ])('refuses %j with a message saying what to fix', (input, message) => {
    const r = x12ProfileSchema.safeParse(input);
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.message).join('\n')).toMatch(message);
  });
});
