// 997 both ways: read the partner's 997s for the 940s we sent (rejections -> failed orders), and write our 997 for
// every 945 functional group we accept.
import type { AdapterState } from '../../adapter.js';
import type { OutboundFile } from '../format.js';
import { describeGroupRejection, describeSetRejection } from './codes.js';
import { outboundEnvelope, readSent940, SEQ_GS, SEQ_ISA, sentGroupKey, separators, type AckStatus } from './envelope.js';
import type { Edi997 } from './parse.js';
import type { SetAck } from './syntax945.js';
import { cleanText } from './text.js';
import type { X12Profile } from './settings.js';
import { padIsaControl, seg, writeInterchange, type Segment } from './writer.js';

const REJECTED = new Set(['R', 'M', 'W', 'X']);

/** Rejected orders named by a 997, or reasons why the 997 cannot be matched to what we sent. */
export function map997(
  doc: Edi997,
  state: AdapterState,
  label: string,
): { rejectedOrders: { orderRef: string; reason: string }[]; errors: string[]; acknowledged?: { gsControl: number; orderRef: string; status: AckStatus } } {
  // A 997 for anything but our 940 groups (e.g. one acknowledging our own 997) needs no action.
  if (doc.functionalId !== 'OW') return { rejectedOrders: [], errors: [] };
  const sent = /^\d{1,9}$/.test(doc.groupControl) ? readSent940(state, sentGroupKey(doc.groupControl)) : null;
  if (!sent) {
    return {
      rejectedOrders: [],
      errors: [`${label}: acknowledges 940 group ${doc.groupControl}, which DropStream did not send to this partner. Check the partner's ISA/GS ids.`],
    };
  }
  const what = `940 for order ${sent.orderRef} (${sent.action}, interchange ${padIsaControl(sent.isaControl)}, group ${sent.gsControl})`;
  const errors: string[] = [];
  const reasons: string[] = [];
  for (const set of doc.sets) {
    if (set.control !== sent.st) {
      errors.push(`${label}: acknowledges set ${set.control} of group ${doc.groupControl}, but that group held only set ${sent.st}.`);
      continue;
    }
    const status = set.status || doc.groupStatus;
    if (REJECTED.has(status)) reasons.push(describeSetRejection(set) || describeGroupRejection(doc) || 'no reason given');
  }
  if (doc.sets.length === 0 && REJECTED.has(doc.groupStatus)) reasons.push(describeGroupRejection(doc) || 'no reason given');
  if (errors.length > 0) return { rejectedOrders: [], errors };
  const withErrors = doc.sets.some((x) => (x.status || doc.groupStatus) === 'E') || (doc.sets.length === 0 && doc.groupStatus === 'E');
  const status: AckStatus = reasons.length > 0 ? 'rejected' : withErrors ? 'accepted-with-errors' : 'accepted';
  return {
    rejectedOrders: reasons.map((r) => ({ orderRef: sent.orderRef, reason: `The warehouse rejected the ${what}: ${r}` })),
    errors: [],
    acknowledged: { gsControl: sent.gsControl, orderRef: sent.orderRef, status },
  };
}

/** What our 997 says about one received functional group. */
export interface GroupAck {
  /** GS01 and GS06 of the acknowledged group. */
  functionalId: string;
  control: string;
  sets: SetAck[];
  /** AK905.. group-level codes (element 716), e.g. 2 version not supported; any code rejects the group. */
  groupCodes: string[];
}

/**
 * Our 997 for a received group: AK2/AK3/AK4/AK5 per set, AK9 with the counts (sets included, received, accepted)
 * and A (all accepted), P (some), R (none, or a group-level error) [FACTS.md section 4; element 715].
 * Takes fresh control numbers (never reused).
 */
export function render997(ack: GroupAck, profile: X12Profile, state: AdapterState, now: Date): OutboundFile {
  const isaControl = state.next(SEQ_ISA);
  const gsControl = state.next(SEQ_GS);
  const body: Segment[] = [seg('AK1', ack.functionalId, ack.control)];
  for (const set of ack.sets) {
    body.push(seg('AK2', set.id, set.control));
    for (const se of set.segmentErrors) {
      body.push(seg('AK3', se.tag, String(se.position), '', se.code));
      for (const el of se.elements) body.push(seg('AK4', String(el.position), el.reference, el.code, cleanText(el.data, separators(profile)).slice(0, 99)));
    }
    body.push(seg('AK5', set.status, ...set.codes.slice(0, 5)));
  }
  const n = ack.sets.length;
  const accepted = ack.groupCodes.length > 0 ? 0 : ack.sets.filter((x) => x.status === 'A').length;
  const status = ack.groupCodes.length > 0 || accepted === 0 ? 'R' : accepted === n ? 'A' : 'P';
  body.push(seg('AK9', status, String(n), String(n), String(accepted), ...ack.groupCodes.slice(0, 5)));
  const text = writeInterchange(outboundEnvelope(profile, now, isaControl), [
    { functionalId: 'FA', control: gsControl, sets: [{ id: '997', control: '0001', body }] },
  ]);
  return { name: `997_${padIsaControl(isaControl)}.edi`, content: Buffer.from(text, 'ascii') };
}
