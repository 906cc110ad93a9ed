// Pure parts of the Extensiv adapter and its double: RQL quoting and evaluation, server words, split-part
// references, naive dates, routing.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../main/core/errors.js';
import { formatNaive, parseNaive, resolveParent } from '../../../main/core/wms/extensiv/collect.js';
import { serverWords } from '../../../main/core/wms/extensiv/errors.js';
import { referencePattern } from '../../../main/core/wms/extensiv/lookup.js';
import { routingFor } from '../../../main/core/wms/extensiv/map-order.js';
import { camelKeys } from '../../../main/core/wms/extensiv/wire.js';
import { evaluate, parseRql } from '../../fakes/extensiv/rql.js';
import { lookupOf, sampleOrder } from '../../integration/extensiv/helpers.js';

const props = new Set(['referencenum', 'readonly.status', 'readonly.isclosed', 'readonly.lastmodifieddate']);

describe('RQL', () => {
  // Rels/rql documents no quoting: values are bare, `*` only as x*, *x, *x*. Any reference with a letter or digit
  // becomes a bare pattern that parses and matches the reference and its split parts; the exact match is ours.
  it('a reference pattern is bare RQL that finds the reference itself and its "-n" parts', () => {
    const awkward = fc.constantFrom(',', ';', '(', ')', '"', "'", '=', '!', '*', ' ', '\n', '+', '@', 'é', '\u05d0', '\u{1f600}', '\\', '%', '&');
    const ref = fc
      .array(fc.oneof(fc.stringMatching(/^[A-Za-z0-9_.\-/]{1,6}$/), awkward), { minLength: 1, maxLength: 12 })
      .map((parts) => parts.join(''))
      .filter((r) => /[A-Za-z0-9]/.test(r));
    fc.assert(
      fc.property(ref, (r) => {
        const rql = `referenceNum==${referencePattern(r)}`;
        expect(rql).not.toMatch(/["']/);
        const node = parseRql(rql, props);
        expect(evaluate(node, () => r)).toBe(true);
        expect(evaluate(node, () => `${r}-2`)).toBe(true);
      }),
    );
    expect(referencePattern('SO-000101')).toBe('SO-000101*');
    expect(referencePattern('SO-00 1,"A"')).toBe('SO-00*');
    expect(referencePattern('"x";SO/123')).toBe('*SO/123*');
    expect(() => referencePattern('¡ñ!')).toThrow(/no letter or digit/);
  });

  it('the double refuses quoting and inner wildcards, which Rels/rql does not document', () => {
    expect(() => parseRql('referenceNum=="SO 1"', props)).toThrow(/Quoted/);
    expect(() => parseRql("referenceNum=='SO'", props)).toThrow(/Quoted/);
    expect(() => parseRql('referenceNum==SO*1', props)).toThrow(/Wildcard/);
    expect(evaluate(parseRql('referenceNum==*O-1*', props), () => 'SO-12')).toBe(true);
  });

  it('AND binds tighter than OR, names and values are case-insensitive, dates compare as dates', () => {
    const order: Record<string, unknown> = { referencenum: 'SO-1', 'readonly.status': 1, 'readonly.isclosed': true, 'readonly.lastmodifieddate': '2026-11-27T10:00:00' };
    const get = (p: string) => order[p];
    expect(evaluate(parseRql('ReadOnly.IsClosed==TRUE;readOnly.lastModifiedDate=ge=2026-11-27T09:59:59', props), get)).toBe(true);
    expect(evaluate(parseRql('readOnly.lastModifiedDate=gt=2026-11-27T10:00:00', props), get)).toBe(false);
    expect(evaluate(parseRql('readOnly.status==2;readOnly.isClosed==true,referenceNum==so-*', props), get)).toBe(true);
    expect(evaluate(parseRql('readOnly.status=in=(0,2)', props), get)).toBe(false);
    expect(() => parseRql('gorp==1', props)).toThrow('Properties not supported: gorp');
  });
});

describe('Extensiv pure helpers', () => {
  it('server words read PascalCase and camelCase bodies, and fall back to the text', () => {
    expect(serverWords('{"ErrorCode":"Duplicate","Properties":[{"Name":"ReferenceNum","Value":"SO-1"}],"Hint":null}')).toBe('Duplicate (ReferenceNum=SO-1)');
    expect(serverWords('{"errorCode":"OrderConfirmed","hint":"Order 4 is confirmed"}')).toBe('OrderConfirmed: Order 4 is confirmed');
    expect(serverWords('{"Message":"invalid_client: client not registered"}')).toBe('invalid_client: client not registered');
    expect(serverWords('An error has occurred.')).toBe('An error has occurred.');
  });

  it('a "-n" suffix is a split part only when the parent is known and the reference itself is not', () => {
    const lookup = lookupOf([sampleOrder('SO-000123'), sampleOrder('SO-000200'), sampleOrder('SO-000200-1')]);
    expect(resolveParent('SO-000123', lookup)).toEqual({ ref: 'SO-000123', split: false });
    expect(resolveParent('SO-000123-2', lookup)).toEqual({ ref: 'SO-000123', split: true });
    expect(resolveParent('SO-000200-1', lookup)).toEqual({ ref: 'SO-000200-1', split: false });
    expect(resolveParent('SO-999-1', lookup)).toBeUndefined();
  });

  it('naive dates round-trip and accept fractions', () => {
    expect(formatNaive(parseNaive('2025-03-04T16:02:12'))).toBe('2025-03-04T16:02:12');
    expect(parseNaive('2025-03-04T16:02:12.437')).toBe(Date.parse('2025-03-04T16:02:12.437Z'));
  });

  it('routing: exact, case-insensitive, "*" fallback, none for an empty ShipVia, refusal otherwise', () => {
    const routing = { UPSGROUND: { carrier: 'UPS', mode: 'Ground', scac: 'UPSN' } };
    expect(routingFor({ routing }, sampleOrder('SO-1', undefined, 'upsground'))?.carrier).toBe('UPS');
    expect(routingFor({ routing }, sampleOrder('SO-1', undefined, ''))).toBeUndefined();
    expect(() => routingFor({ routing }, sampleOrder('SO-1', undefined, 'DHL'))).toThrow(AppError);
    expect(routingFor({ routing: { ...routing, '*': { carrier: 'X', mode: 'Y', scac: 'Z' } } }, sampleOrder('SO-1', undefined, 'DHL'))?.carrier).toBe('X');
  });

  it('PascalCase answers fold to camelCase, HAL rel keys untouched', () => {
    expect(camelKeys({ ReadOnly: { OrderId: 1 }, _embedded: { 'http://api.3plCentral.com/rels/orders/item': [{ Qty: 1 }] } })).toEqual({
      readOnly: { orderId: 1 },
      _embedded: { 'http://api.3plCentral.com/rels/orders/item': [{ qty: 1 }] },
    });
  });
});
