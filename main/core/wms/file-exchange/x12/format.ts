// The X12 format of the file-exchange adapter: 940 out, 945 and 997 in, 997 out (see docs/x12.md).
// The adapter owns transport, archive/error moves and duplicate files; this module owns bytes <-> domain.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { Fulfillment, Order } from '../../../domain/index.js';
import type { OrderLookup } from '../../adapter.js';
import type { ExchangeFormat, FormatContext, OrderAction, OutboundFile, ParsedInbound } from '../format.js';
import { map997, render997, type GroupAck } from './ack997.js';
import {
  outboundEnvelope, readSent940, renderKey, SEQ_GS, SEQ_ISA, sentGroupKey, separators, splitParty, type AckStatus,
} from './envelope.js';
import { ackAttention, pendingValues, recordAcknowledged } from './ack-tracking.js';
import { map945 } from './map945.js';
import { parse945, parse997, parseInterchanges, type ParsedInterchange } from './parse.js';
import { checkSet945, describeSetAck } from './syntax945.js';
import { render940Body } from './render940.js';
import type { X12Profile } from './settings.js';
import { safeFilePart } from './text.js';
import { padIsaControl, writeInterchange } from './writer.js';

function renderOrder(profile: X12Profile, order: Order, action: OrderAction, revision: number, ctx: FormatContext): OutboundFile {
  const seps = separators(profile);
  // Built first: an order X12 cannot carry fails before it takes control numbers.
  const body = render940Body(order, action, profile, seps);
  // The same (order, action, revision) after a crash gets the same control numbers and time: the same file again.
  const key = renderKey(order.ref, action, revision);
  let sent = readSent940(ctx.state, key);
  if (!sent) {
    sent = {
      orderRef: order.ref, action, revision,
      isaControl: ctx.state.next(SEQ_ISA), gsControl: ctx.state.next(SEQ_GS), st: '0001', at: ctx.now.toISOString(),
    };
    ctx.state.setMany({ [sentGroupKey(String(sent.gsControl))]: JSON.stringify(sent), [key]: JSON.stringify(sent), ...pendingValues(profile, ctx.state, sent) });
  }
  const text = writeInterchange(outboundEnvelope(profile, new Date(sent.at), sent.isaControl), [
    { functionalId: 'OW', control: sent.gsControl, sets: [{ id: '940', control: sent.st, body }] },
  ]);
  return { name: `940_${safeFilePart(order.ref)}_${padIsaControl(sent.isaControl)}.edi`, content: Buffer.from(text, 'ascii') };
}

function envelopeErrors(ic: ParsedInterchange, profile: X12Profile): string[] {
  const errors: string[] = [];
  const partner = splitParty(profile.receiver);
  const us = splitParty(profile.sender);
  const from = `${ic.senderQualifier}:${ic.senderId}`;
  const to = `${ic.receiverQualifier}:${ic.receiverId}`;
  if (from !== `${partner.qualifier}:${partner.id}`) {
    errors.push(`Interchange ${ic.control} comes from ${from}, but this partner is ${profile.receiver} (X12 receiver setting). Is the file meant for another connection?`);
  }
  if (to !== `${us.qualifier}:${us.id}`) errors.push(`Interchange ${ic.control} is addressed to ${to}, not to us (${profile.sender}, X12 sender setting).`);
  if (ic.usage !== profile.usage) {
    errors.push(`Interchange ${ic.control} is marked ${ic.usage === 'T' ? 'test' : 'production'} (ISA15 ${ic.usage}) but this connection is ${profile.usage === 'T' ? 'test' : 'production'} (${profile.usage}).`);
  }
  return errors;
}

/** GS08 we read: the profile's version, or a variant of it (004010UCS, 004010VICS [FACTS.md section 1, AC]). */
function versionSupported(gs08: string, profile: X12Profile): boolean {
  return gs08.startsWith(profile.version.slice(0, 6));
}

/** The content of an interchange regardless of separators and line breaks: tells a re-send from a different file. */
function digestOf(ic: ParsedInterchange): string {
  return createHash('sha256').update(JSON.stringify(ic)).digest('hex');
}

const storedAckSchema = z.array(z.object({ name: z.string(), content: z.string() }));
const ackKey = (ic: ParsedInterchange, digest: string): string => `x12.ack:${ic.senderQualifier}:${ic.senderId}:${ic.control}:${digest}`;

/**
 * The 997s for an interchange's SW groups. Stored with the interchange's digest, so the same interchange parsed again
 * (a crash before commit, the operator re-dropping it, the partner re-sending it) gets the very same 997 back
 * instead of new control numbers (issue #15 item 5).
 */
function acksFor(ic: ParsedInterchange, acks: GroupAck[], profile: X12Profile, ctx: FormatContext): OutboundFile[] {
  if (acks.length === 0) return [];
  const key = ackKey(ic, digestOf(ic));
  const stored = ctx.state.get(key);
  if (stored !== undefined) {
    const parsed = storedAckSchema.safeParse(JSON.parse(stored));
    if (parsed.success) return parsed.data.map((f) => ({ name: f.name, content: Buffer.from(f.content, 'base64') }));
  }
  const files = acks.map((a) => render997(a, profile, ctx.state, ctx.now));
  ctx.state.set(key, JSON.stringify(files.map((f) => ({ name: f.name, content: f.content.toString('base64') }))));
  return files;
}

function parseInbound(profile: X12Profile, content: Buffer, lookup: OrderLookup, ctx: FormatContext): ParsedInbound {
  const result: ParsedInbound = { fulfillments: [], rejectedOrders: [], errors: [], replies: [], dedupeKey: null };
  const parsed = parseInterchanges(content.toString('utf8'));
  if (!parsed.ok) return { ...result, errors: parsed.errors };
  const interchanges = parsed.value;
  const dedupeKey = interchanges.map((ic) => `isa:${ic.senderId}:${ic.control}`).join(',');
  const contentDigest = createHash('sha256').update(interchanges.map(digestOf).join(',')).digest('hex');

  const errors: string[] = [];
  const fulfillments: Fulfillment[] = [];
  const rejectedOrders: ParsedInbound['rejectedOrders'] = [];
  const replies: OutboundFile[] = [];
  const acknowledged: { gsControl: number; orderRef: string; status: AckStatus }[] = [];
  const takenInFile = new Map<string, number>();
  const packagesInFile = new Set<string>();
  const seen = new Set<string>();
  for (const ic of interchanges) {
    if (seen.has(ic.control)) errors.push(`Interchange control number ${ic.control} appears twice in this file (duplicate interchange).`);
    seen.add(ic.control);
    const notOurs = envelopeErrors(ic, profile);
    errors.push(...notOurs);
    // A file not addressed to us (or from another partner) is not acknowledged: the 997 would go to the wrong party.
    const acks: GroupAck[] = [];
    for (const group of ic.groups) {
      if (!/^\d{1,9}$/.test(group.control)) {
        errors.push(`Group control number "${group.control}" (GS06) is not 1-9 digits.`);
        continue;
      }
      const expected = group.functionalId === 'SW' ? '945' : group.functionalId === 'FA' ? '997' : null;
      if (expected === null) {
        errors.push(`Functional group ${group.control} is ${group.functionalId || 'empty'} (GS01); DropStream reads only 945 (SW) and 997 (FA) from the warehouse.`);
        continue;
      }
      const groupLabel = `group ${group.control} (interchange ${ic.control})`;
      if (!versionSupported(group.version, profile)) {
        errors.push(`${groupLabel} is X12 version ${group.version || '(empty GS08)'}, but this connection reads ${profile.version} (X12 version setting): ask the partner to send ${profile.version}, or change the setting.`);
        // AK905 code 2: functional group version not supported. A 997 is never acknowledged.
        if (expected === '945') acks.push({ functionalId: group.functionalId, control: group.control, groupCodes: ['2'], sets: group.sets.map((x) => ({ id: x.id, control: x.control, status: 'R', codes: [], segmentErrors: [] })) });
        continue;
      }
      const ack: GroupAck = { functionalId: group.functionalId, control: group.control, groupCodes: [], sets: [] };
      for (const set of group.sets) {
        const label = `${set.id || 'Set'} ${set.control} (interchange ${ic.control}, group ${group.control})`;
        if (expected === '945') {
          const syntax = checkSet945(set);
          ack.sets.push(syntax);
          if (syntax.status === 'R') {
            errors.push(`${label}: rejected to the partner in our 997 (AK5*R): ${describeSetAck(syntax)}. The partner must send it again corrected.`);
            continue;
          }
          const doc = parse945(set);
          if (!doc.ok) {
            errors.push(...doc.errors);
            continue;
          }
          const id = `x12:${ic.senderId}:${ic.control}:${ic.groups.length > 1 ? `${group.control}:` : ''}${set.control}`;
          const boxPrefix = doc.value.shipmentId ? safeFilePart(doc.value.shipmentId) : `${ic.control}-${set.control}`;
          const mapped = map945(doc.value, { profile, lookup, id, boxPrefix, takenInFile, packagesInFile, label });
          if (mapped.ok) fulfillments.push(mapped.value);
          else errors.push(...mapped.errors);
          continue;
        }
        if (set.id !== expected) {
          errors.push(`${label}: a ${set.id} set inside a ${group.functionalId} group; expected ${expected}.`);
          continue;
        }
        if (!/^[0-9A-Za-z]{4,9}$/.test(set.control)) {
          errors.push(`${label}: ST02 must be 4-9 letters or digits.`);
          continue;
        }
        const doc = parse997(set);
        if (!doc.ok) {
          errors.push(...doc.errors);
          continue;
        }
        const mapped = map997(doc.value, ctx.state, label);
        errors.push(...mapped.errors);
        rejectedOrders.push(...mapped.rejectedOrders);
        if (mapped.acknowledged) acknowledged.push(mapped.acknowledged);
      }
      if (expected === '945') acks.push(ack);
    }
    // Every SW group whose envelope parsed is acknowledged, whether or not its 945s can be applied: syntax is the
    // partner's to fix (AK5*R), business problems (unknown order, over-shipment) the operator's (out/error/).
    if (notOurs.length === 0) for (const f of acksFor(ic, acks, profile, ctx)) if (!replies.some((r) => r.name === f.name)) replies.push(f);
  }
  if (errors.length > 0) return { ...result, errors, replies, dedupeKey, contentDigest };
  recordAcknowledged(ctx.state, acknowledged);
  return { ...result, fulfillments, rejectedOrders, replies, dedupeKey, contentDigest };
}

/** The X12 940/945/997 format for one trading partner. */
export function createX12Format(profile: X12Profile): ExchangeFormat {
  return {
    id: 'x12',
    accepts: (fileName) => /\.(edi|x12)$/i.test(fileName),
    renderOrder: (order, action, revision, ctx) => renderOrder(profile, order, action, revision, ctx),
    attention: (ctx, lookup) => ackAttention(profile, ctx.state, ctx.now, lookup),
    parseInbound: (_fileName, content, lookup, ctx) => {
      try {
        return parseInbound(profile, content, lookup, ctx);
      } catch (err) {
        // Never throw on bad input: anything unexpected rejects the file with the reason.
        const msg = err instanceof Error ? err.message : String(err);
        return { fulfillments: [], rejectedOrders: [], errors: [`Could not read the X12 file: ${msg}`], replies: [], dedupeKey: null };
      }
    },
  };
}
