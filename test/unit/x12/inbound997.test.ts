import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { createX12Format } from '../../../main/core/wms/file-exchange/x12/format.js';
import { MemoryState, ctxOf, inbound, lookupOf, profileOf, sampleOrder } from './helpers.js';

const FIXTURES = join(import.meta.dirname, '../../fixtures/x12');
const format = createX12Format(profileOf());
const lookup = lookupOf([sampleOrder()]);

/** State after sending the sample order's 940 as interchange/group 456 (as in FACTS.md). */
function afterSending940(): MemoryState {
  const state = new MemoryState({ 'x12.isa': 456, 'x12.gs': 456 });
  format.renderOrder(sampleOrder(), 'new', 1, ctxOf(state));
  return state;
}

function read(content: string | Buffer, state = afterSending940()) {
  const before = new Map(state.counters);
  const result = format.parseInbound('in.edi', Buffer.isBuffer(content) ? content : Buffer.from(content), lookup, ctxOf(state));
  return { result, tookControlNumbers: [...state.counters].some(([k, v]) => before.get(k) !== v) };
}

describe('997 in', () => {
  test('an accepting 997 changes nothing and is never acknowledged', () => {
    const { result, tookControlNumbers } = read(readFileSync(join(FIXTURES, '997-accept.edi')));
    expect(result).toMatchObject({ errors: [], fulfillments: [], rejectedOrders: [], replies: [], dedupeKey: 'isa:WHSE3PL:000000124' });
    expect(tookControlNumbers).toBe(false);
  });

  test('a rejecting 997 fails the order with the reason in words', () => {
    const { result } = read(readFileSync(join(FIXTURES, '997-reject.edi')));
    expect(result.errors).toEqual([]);
    expect(result.replies).toEqual([]);
    expect(result.rejectedOrders).toHaveLength(1);
    const r = result.rejectedOrders[0]!;
    expect(r.orderRef).toBe('SO-100045');
    expect(r.reason).toContain('940 for order SO-100045 (new, interchange 000000456, group 456)');
    expect(r.reason).toContain('5 one or more segments in error');
    expect(r.reason).toContain('segment W01 #13: 8 segment has data element errors');
    expect(r.reason).toContain('element 2 (355): 7 invalid code value "XX"');
  });

  test('a group-level rejection without AK2 fails the order too', () => {
    const { result } = read(inbound('FA', [{ id: '997', control: '0001', body: ['AK1*OW*456', 'AK9*R*1*1*0*5'] }], 126));
    expect(result.rejectedOrders.map((r) => r.orderRef)).toEqual(['SO-100045']);
    expect(result.rejectedOrders[0]!.reason).toContain('number of included transaction sets does not match');
  });

  test('a 997 for a group we never sent is refused with a reason', () => {
    const { result } = read(inbound('FA', [{ id: '997', control: '0001', body: ['AK1*OW*999', 'AK2*940*0001', 'AK5*R*5', 'AK9*R*1*1*0'] }], 127));
    expect(result.rejectedOrders).toEqual([]);
    expect(result.errors.join()).toMatch(/940 group 999, which DropStream did not send/);
  });

  test('a 997 without AK9 is a broken file', () => {
    const { result } = read(inbound('FA', [{ id: '997', control: '0001', body: ['AK1*OW*456', 'AK2*940*0001', 'AK5*A'] }], 128));
    expect(result.errors.join()).toMatch(/lacks AK9/);
  });

  test('control numbers survive a restart: a new format over the same state continues the sequence', () => {
    const state = afterSending940();
    const again = createX12Format(profileOf()).renderOrder(sampleOrder({ ref: 'SO-2' }), 'new', 1, ctxOf(state));
    expect(again.name).toBe('940_SO-2_000000457.edi');
  });
});

describe('never throws on bad input', () => {
  const sample = readFileSync(join(FIXTURES, '945-sample.edi'), 'utf8');
  test('random bytes and random damage to a real 945 give errors, not exceptions', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), (bytes) => {
        const r = format.parseInbound('x.edi', Buffer.from(bytes), lookup, ctxOf(new MemoryState()));
        expect(r.errors.length).toBeGreaterThan(0);
      }),
      { numRuns: 200 },
    );
    fc.assert(
      fc.property(fc.nat({ max: sample.length - 1 }), fc.string({ maxLength: 3 }), fc.nat({ max: 5 }), (at, insert, cut) => {
        const damaged = sample.slice(0, at) + insert + sample.slice(at + cut);
        const r = format.parseInbound('x.edi', Buffer.from(damaged), lookup, ctxOf(new MemoryState()));
        // Either cleanly accepted or cleanly refused (perhaps with its 997 when the envelope parses): never a throw.
        expect(r.errors.length === 0 || r.fulfillments.length === 0).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
