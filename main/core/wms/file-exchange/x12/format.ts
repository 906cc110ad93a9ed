// The X12 format of the file-exchange adapter: 940 out, 945 and 997 in, 997 out (see docs/x12.md).
// The adapter owns transport, archive/error moves and duplicate files; this module owns bytes <-> domain.
import type { Fulfillment, Order } from '../../../domain/index.js';
import type { OrderLookup } from '../../adapter.js';
import type { ExchangeFormat, FormatContext, OrderAction, OutboundFile, ParsedInbound } from '../format.js';
import { map997, render997 } from './ack997.js';
import { outboundEnvelope, readSent940, renderKey, SEQ_GS, SEQ_ISA, sentGroupKey, separators, splitParty } from './envelope.js';
import { map945 } from './map945.js';
import { parse945, parse997, parseInterchanges, type ParsedGroup, type ParsedInterchange } from './parse.js';
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
    ctx.state.setMany({ [sentGroupKey(String(sent.gsControl))]: JSON.stringify(sent), [key]: JSON.stringify(sent) });
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

function parseInbound(profile: X12Profile, content: Buffer, lookup: OrderLookup, ctx: FormatContext): ParsedInbound {
  const result: ParsedInbound = { fulfillments: [], rejectedOrders: [], errors: [], replies: [], dedupeKey: null };
  const parsed = parseInterchanges(content.toString('utf8'));
  if (!parsed.ok) return { ...result, errors: parsed.errors };
  const interchanges = parsed.value;
  result.dedupeKey = interchanges.map((ic) => `isa:${ic.senderId}:${ic.control}`).join(',');

  const errors: string[] = [];
  const fulfillments: Fulfillment[] = [];
  const rejectedOrders: ParsedInbound['rejectedOrders'] = [];
  const toAcknowledge: ParsedGroup[] = [];
  const takenInFile = new Map<string, number>();
  const packagesInFile = new Set<string>();
  const seen = new Set<string>();
  for (const ic of interchanges) {
    if (seen.has(ic.control)) errors.push(`Interchange control number ${ic.control} appears twice in this file (duplicate interchange).`);
    seen.add(ic.control);
    errors.push(...envelopeErrors(ic, profile));
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
      for (const set of group.sets) {
        const label = `${set.id || 'Set'} ${set.control} (interchange ${ic.control}, group ${group.control})`;
        if (set.id !== expected) {
          errors.push(`${label}: a ${set.id} set inside a ${group.functionalId} group; expected ${expected}.`);
          continue;
        }
        if (!/^[0-9A-Za-z]{4,9}$/.test(set.control)) {
          errors.push(`${label}: ST02 must be 4-9 letters or digits.`);
          continue;
        }
        if (expected === '945') {
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
        } else {
          const doc = parse997(set);
          if (!doc.ok) {
            errors.push(...doc.errors);
            continue;
          }
          const mapped = map997(doc.value, ctx.state, label);
          errors.push(...mapped.errors);
          rejectedOrders.push(...mapped.rejectedOrders);
        }
      }
      if (expected === '945') toAcknowledge.push(group);
    }
  }
  if (errors.length > 0) return { ...result, errors };
  // Control numbers are taken only for a file that is accepted whole.
  const replies = toAcknowledge.map((g) => render997(g, profile, ctx.state, ctx.now));
  return { ...result, fulfillments, rejectedOrders, replies };
}

/** The X12 940/945/997 format for one trading partner. */
export function createX12Format(profile: X12Profile): ExchangeFormat {
  return {
    id: 'x12',
    accepts: (fileName) => /\.(edi|x12)$/i.test(fileName),
    renderOrder: (order, action, revision, ctx) => renderOrder(profile, order, action, revision, ctx),
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
