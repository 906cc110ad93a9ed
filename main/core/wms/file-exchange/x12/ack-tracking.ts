// Acknowledgement tracking of the 940s we send (issue #15 item 6): which wait for a 997, which are overdue, and what
// the 997s said. Kept in adapter state; turned into attention notes on the orders at each collect.
import { z } from 'zod';
import type { AdapterState, AttentionNote, OrderLookup } from '../../adapter.js';
import { ACKED_TO_CLEAR, ackStatusKey, PENDING_ACKS, readPendingAcks, type AckStatus, type PendingAcks, type Sent940 } from './envelope.js';
import type { X12Profile } from './settings.js';
import { padIsaControl } from './writer.js';

export const OVERDUE_ACK_NOTE = 'No 997 from the warehouse';
export const ACK_WITH_ERRORS_NOTE = 'The warehouse accepted the 940 with errors';

/**
 * An overdue 940 stays on the pending list this many windows after it was flagged, then is dropped (its note stays
 * on the order): a partner that never sends 997s must not grow the list, nor be rescanned, forever.
 */
export const KEEP_OVERDUE_WINDOWS = 3;

/** 997 outcomes to show on their orders at the next look (the status itself is kept under ackStatusKey). */
const ACK_OUTCOMES = 'x12.940.ack-outcomes';
const outcomesSchema = z.array(z.object({ orderRef: z.string(), gsControl: z.number(), status: z.enum(['accepted', 'accepted-with-errors', 'rejected']) }));
type Acknowledged = { gsControl: number; orderRef: string; status: AckStatus };

function readOutcomes(state: AdapterState): z.infer<typeof outcomesSchema> {
  const parsed = outcomesSchema.safeParse(JSON.parse(state.get(ACK_OUTCOMES) ?? '[]'));
  return parsed.success ? parsed.data : [];
}

/** The values that put a just-rendered 940 on the pending list (none when the overdue check is off). */
export function pendingValues(profile: X12Profile, state: AdapterState, sent: Sent940): Record<string, string> {
  if (profile.ackOverdueHours === 0) return {};
  const pending: PendingAcks = { ...readPendingAcks(state), [String(sent.gsControl)]: { orderRef: sent.orderRef, at: sent.at, isaControl: sent.isaControl } };
  return { [PENDING_ACKS]: JSON.stringify(pending) };
}

/** Keeps each acknowledged 940's status and takes it off the pending list; its order's notes follow at the next look. */
export function recordAcknowledged(state: AdapterState, acknowledged: Acknowledged[]): void {
  if (acknowledged.length === 0) return;
  const pending = readPendingAcks(state);
  const toClear = new Set<string>(JSON.parse(state.get(ACKED_TO_CLEAR) ?? '[]') as string[]);
  const outcomes = readOutcomes(state);
  const values: Record<string, string> = {};
  for (const a of acknowledged) {
    values[ackStatusKey(a.gsControl)] = a.status;
    delete pending[String(a.gsControl)];
    toClear.add(a.orderRef);
    if (a.status !== 'none') outcomes.push({ orderRef: a.orderRef, gsControl: a.gsControl, status: a.status });
  }
  state.setMany({ ...values, [PENDING_ACKS]: JSON.stringify(pending), [ACKED_TO_CLEAR]: JSON.stringify([...toClear]), [ACK_OUTCOMES]: JSON.stringify(outcomes) });
}

/**
 * Whether the order is done with the warehouse as far as the lookup tells: unknown to the engine, or everything sent
 * has shipped. (The lookup does not carry the order's state, so a cancelled order leaves by age instead.)
 */
function leftWarehouse(lookup: OrderLookup | undefined, orderRef: string): boolean {
  if (!lookup) return false;
  const known = lookup(orderRef);
  if (!known) return true;
  return known.order.lines.length > 0 && known.order.lines.every((l) => (known.shippedByLine[l.lineRef] ?? 0) + 1e-9 >= l.quantity);
}

/**
 * Attention notes from the acknowledgement bookkeeping: 940s with no 997 after the window (`ackOverdueHours`, 0 =
 * off), 997s that accepted a 940 with errors (a rejection already fails its order), and clears for orders since
 * acknowledged or gone from the warehouse. Prunes the pending list as it goes.
 */
export function ackAttention(profile: X12Profile, state: AdapterState, now: Date, lookup?: OrderLookup): AttentionNote[] {
  const notes: AttentionNote[] = [];
  const cleared = JSON.parse(state.get(ACKED_TO_CLEAR) ?? '[]') as string[];
  const overdue = new Set<string>();
  const windowMs = profile.ackOverdueHours * 3_600_000;
  const pending = readPendingAcks(state);
  let pruned = false;
  for (const [gs, p] of Object.entries(pending)) {
    const age = now.getTime() - Date.parse(p.at);
    const off = windowMs === 0;
    if (off || leftWarehouse(lookup, p.orderRef) || age >= windowMs * (1 + KEEP_OVERDUE_WINDOWS)) {
      delete pending[gs];
      pruned = true;
      // Off, or the order is done with the warehouse: its overdue note no longer applies. Merely kept too long: the
      // note stays on the order until a 997 comes or the operator resolves it.
      if (off || age < windowMs * (1 + KEEP_OVERDUE_WINDOWS)) cleared.push(p.orderRef);
      continue;
    }
    if (age < windowMs || overdue.has(p.orderRef)) continue;
    overdue.add(p.orderRef);
    notes.push({
      orderRef: p.orderRef,
      reason: 'ack-overdue',
      note: `${OVERDUE_ACK_NOTE} for the 940 sent ${p.at} (interchange ${padIsaControl(p.isaControl)}, group ${gs}) after ${profile.ackOverdueHours} h: check with the warehouse that it received the order, or send it again.`,
    });
  }
  for (const ref of new Set(cleared)) if (!overdue.has(ref)) notes.push({ orderRef: ref, note: null, reason: 'ack-overdue' });
  const outcomes = readOutcomes(state);
  for (const o of outcomes) {
    if (o.status === 'accepted-with-errors') {
      notes.push({
        orderRef: o.orderRef,
        reason: 'ack-with-errors',
        note: `${ACK_WITH_ERRORS_NOTE} (997 AK5*E for group ${o.gsControl}): the warehouse took the order but reported problems in it; check the order with the warehouse.`,
      });
    } else if (o.status === 'accepted') {
      notes.push({ orderRef: o.orderRef, note: null, reason: 'ack-with-errors' });
    }
  }
  const values: Record<string, string> = {};
  if (pruned) values[PENDING_ACKS] = JSON.stringify(pending);
  if (cleared.length > 0) values[ACKED_TO_CLEAR] = '[]';
  if (outcomes.length > 0) values[ACK_OUTCOMES] = '[]';
  if (Object.keys(values).length > 0) state.setMany(values);
  return notes;
}
