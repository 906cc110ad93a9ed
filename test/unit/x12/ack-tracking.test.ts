// Review of issue #15 item 6: the list of 940s waiting for a 997 is bounded, the overdue check can be turned off
// (ackOverdueHours: 0), and a 997 that accepts a 940 with errors (AK5*E [FACTS.md section 4, element 717]) shows on
// the order, as the overdue note does.
import { describe, expect, test } from 'vitest';
import { PENDING_ACKS, readPendingAcks } from '../../../main/core/wms/file-exchange/x12/envelope.js';
import { createX12Format } from '../../../main/core/wms/file-exchange/x12/format.js';
import { FIXED_NOW, MemoryState, ctxOf, inbound, lookupOf, profileOf, sampleOrder } from './helpers.js';

const order = sampleOrder();
const lookup = lookupOf([order]);
const hours = (h: number): Date => new Date(FIXED_NOW.getTime() + h * 3_600_000);
const ack997 = (ak5: string, ak9: string, isa: number) => Buffer.from(inbound('FA', [{ id: '997', control: '0001', body: ['AK1*OW*1', 'AK2*940*0001', ak5, ak9] }], isa));

describe('940 acknowledgement tracking', () => {
  test('ackOverdueHours 0 turns the overdue check off: nothing waits, nothing is flagged', () => {
    const state = new MemoryState();
    const format = createX12Format(profileOf({ ackOverdueHours: 0 }));
    format.renderOrder(order, 'new', 1, ctxOf(state));
    expect(state.get(PENDING_ACKS)).toBeUndefined();
    expect(format.attention!(ctxOf(state, hours(1000)), lookup)).toEqual([]);
  });

  test('an overdue 940 is dropped from the list a few windows after it was flagged; its note stays', () => {
    const state = new MemoryState();
    const format = createX12Format(profileOf());
    format.renderOrder(order, 'new', 1, ctxOf(state));
    expect(format.attention!(ctxOf(state, hours(24)), lookup)).toEqual([expect.objectContaining({ orderRef: order.ref, reason: 'ack-overdue', note: expect.any(String) })]);
    expect(Object.keys(readPendingAcks(state))).toEqual(['1']);
    expect(format.attention!(ctxOf(state, hours(96)), lookup)).toEqual([]);
    expect(readPendingAcks(state)).toEqual({});
  });

  test('a 940 whose order the engine no longer follows, or that has shipped in full, leaves the list and its note is cleared', () => {
    const state = new MemoryState();
    const format = createX12Format(profileOf());
    const other = sampleOrder({ ref: 'SO-100046' });
    format.renderOrder(order, 'new', 1, ctxOf(state));
    format.renderOrder(other, 'new', 1, ctxOf(state));
    const shipped = Object.fromEntries(order.lines.map((l) => [l.lineRef, l.quantity]));
    // `order` shipped in full; `other` is no longer known (done or cancelled and gone from the engine's lookup).
    const notes = format.attention!(ctxOf(state, hours(1)), lookupOf([order], { [order.ref]: shipped }));
    expect(notes).toEqual(
      expect.arrayContaining([
        { orderRef: order.ref, note: null, reason: 'ack-overdue' },
        { orderRef: other.ref, note: null, reason: 'ack-overdue' },
      ]),
    );
    expect(readPendingAcks(state)).toEqual({});
  });

  test('a 997 accepting the 940 with errors shows on the order; a later plain acceptance clears it', () => {
    const state = new MemoryState();
    const format = createX12Format(profileOf());
    format.renderOrder(order, 'new', 1, ctxOf(state));
    expect(format.parseInbound('997.edi', ack997('AK5*E', 'AK9*E*1*1*1', 77), lookup, ctxOf(state)).errors).toEqual([]);
    const notes = format.attention!(ctxOf(state), lookup);
    expect(notes).toContainEqual({ orderRef: order.ref, reason: 'ack-with-errors', note: expect.stringMatching(/group 1\): the warehouse took the order but reported problems/) });
    // Shown once: the next look has nothing new.
    expect(format.attention!(ctxOf(state), lookup).filter((n) => n.note !== null)).toEqual([]);
    format.renderOrder(order, 'change', 2, ctxOf(state));
    expect(format.parseInbound('997b.edi', Buffer.from(ack997('AK5*A', 'AK9*A*1*1*1', 78).toString().replace('AK1*OW*1', 'AK1*OW*2')), lookup, ctxOf(state)).errors).toEqual([]);
    expect(format.attention!(ctxOf(state), lookup)).toContainEqual({ orderRef: order.ref, note: null, reason: 'ack-with-errors' });
  });
});
