// The lifecycle table (#17): every allowed move gives the table's state, every other move throws a bug error.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../main/core/errors.js';
import {
  canApply,
  FAILED_STATES,
  LIFECYCLE,
  nextState,
  ORDER_EVENTS,
  ORDER_STATES,
  statesOf,
  writtenBackEvent,
  type OrderEvent,
  type OrderState,
} from '../../../main/core/domain/index.js';

describe('the order lifecycle', () => {
  it('walks the whole table: each state × event is the listed move or a bug error', () => {
    let allowed = 0;
    let refused = 0;
    for (const event of ORDER_EVENTS) {
      const move = LIFECYCLE[event];
      for (const from of ORDER_STATES) {
        if ((move.from as readonly OrderState[]).includes(from)) {
          expect(nextState(from, event), `${from} --${event}-->`).toBe(move.to === 'unchanged' ? from : move.to);
          allowed++;
        } else {
          expect(() => nextState(from, event), `${from} --${event}-->`).toThrow(AppError);
          try {
            nextState(from, event);
          } catch (e) {
            expect(e).toMatchObject({ kind: 'internal', message: expect.stringMatching(new RegExp(`Lifecycle bug: "${event}" .* state "${from}"`)) });
          }
          refused++;
        }
      }
    }
    // Both kinds exist: the table is a real restriction, not a list of everything.
    expect(allowed).toBeGreaterThan(0);
    expect(refused).toBeGreaterThan(20);
  });

  it('refuses the moves the code never makes (examples a refactoring could get wrong)', () => {
    const bugs: [OrderState, OrderEvent][] = [
      ['at-wms', 'released'], // only a held order is released
      ['done', 'held-in-acumatica'], // a hold after sending is a flag, not a state
      ['shipped', 'cancelled-in-acumatica'], // cancelled after ship is held for the operator
      ['at-wms', 'cancelled-after-ship'],
      ['cancelled', 'shipped'], // a shipment of a cancelled order is "shipped after cancel"
      ['done', 'reconcile-send'],
      ['cancelled', 'reconcile-send'],
      ['writeback-failed', 'changed-in-acumatica'],
    ];
    for (const [from, event] of bugs) expect(() => nextState(from, event)).toThrow(/Lifecycle bug/);
  });

  it('each step fails into its own state', () => {
    expect(nextState('awaiting-wms', 'send-failed')).toBe('send-failed');
    expect(nextState('at-wms', 'cancel-failed')).toBe('send-failed');
    expect(nextState('at-wms', 'rejected-by-wms')).toBe('rejected-by-wms');
    expect(nextState('writeback-pending', 'writeback-failed')).toBe('writeback-failed');
    expect(statesOf('failed')).toEqual(FAILED_STATES);
    expect(statesOf('held')).toEqual(['held']);
  });

  it('attention-only events keep the state', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ORDER_STATES), fc.constantFrom<OrderEvent>('flagged', 'flag-cleared', 'cancel-refused', 'written-back-one'), (from, event) => {
        expect(canApply(from, event)).toBe(true);
        expect(nextState(from, event)).toBe(from);
      }),
    );
  });

  it('picks the write-back outcome', () => {
    expect(writtenBackEvent(true, false)).toBe('written-back-one');
    expect(writtenBackEvent(false, true)).toBe('written-back');
    expect(writtenBackEvent(false, false)).toBe('written-back-partly');
  });

  it('every state but the entry ones is reachable by some event', () => {
    const reachable = new Set(Object.values(LIFECYCLE).map((m) => m.to));
    // imported is never entered by a move (and no longer written by the import); awaiting-wms and held are also
    // entry states of a new row.
    for (const s of ORDER_STATES.filter((s) => s !== 'imported')) expect(reachable.has(s), s).toBe(true);
  });
});
