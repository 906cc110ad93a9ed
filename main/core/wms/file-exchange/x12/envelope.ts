// The partner profile seen as envelope values, and the durable keys the X12 format keeps in AdapterState.
import { z } from 'zod';
import type { AdapterState } from '../../adapter.js';
import type { Envelope, Party, Separators } from './writer.js';
import type { X12Profile } from './settings.js';

export function splitParty(value: string): Party {
  return { qualifier: value.slice(0, 2), id: value.slice(3) };
}

export function separators(profile: X12Profile): Separators {
  return { element: profile.elementSeparator, segment: profile.segmentTerminator, component: profile.componentSeparator };
}

/** The envelope of a file we send to the partner. */
export function outboundEnvelope(profile: X12Profile, date: Date, isaControl: number): Envelope {
  const sender = splitParty(profile.sender);
  const receiver = splitParty(profile.receiver);
  return {
    sender,
    receiver,
    gsSender: profile.gsSender ?? sender.id,
    gsReceiver: profile.gsReceiver ?? receiver.id,
    version: profile.version,
    usage: profile.usage,
    date,
    isaControl,
    separators: separators(profile),
    newlineAfterSegment: profile.newlineAfterSegment,
  };
}

/** Sequences (AdapterState.next) and keys. */
export const SEQ_ISA = 'x12.isa';
export const SEQ_GS = 'x12.gs';

/** What a rendered 940 was: kept so a re-render after a crash writes the same file, and a 997 maps back. */
const sent940Schema = z.object({
  orderRef: z.string(),
  action: z.string(),
  revision: z.number(),
  isaControl: z.number().int(),
  gsControl: z.number().int(),
  st: z.string(),
  /** ISO time the envelope carries. */
  at: z.string(),
});

export type Sent940 = z.infer<typeof sent940Schema>;

export function readSent940(state: AdapterState, key: string): Sent940 | null {
  const raw = state.get(key);
  if (raw === undefined) return null;
  try {
    const parsed = sent940Schema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export const renderKey = (orderRef: string, action: string, revision: number): string => `x12.940.render:${orderRef}:${action}:${revision}`;
/** GS06 of a 940 group we sent -> Sent940. */
export const sentGroupKey = (gsControl: string): string => `x12.940.gs:${Number(gsControl)}`;

/**
 * Acknowledgement bookkeeping of our 940s (issue #15 item 6): every rendered 940 group waits in PENDING_ACKS until a
 * 997 for it arrives; its status is then kept under ackStatusKey.
 */
export const PENDING_ACKS = 'x12.940.pending';
export const ACKED_TO_CLEAR = 'x12.940.acked-to-clear';
export type AckStatus = 'accepted' | 'accepted-with-errors' | 'rejected' | 'none';
export const ackStatusKey = (gsControl: string | number): string => `x12.940.ack:${Number(gsControl)}`;

const pendingSchema = z.record(z.string(), z.object({ orderRef: z.string(), at: z.string(), isaControl: z.number() }));
export type PendingAcks = z.infer<typeof pendingSchema>;

export function readPendingAcks(state: AdapterState): PendingAcks {
  const parsed = pendingSchema.safeParse(JSON.parse(state.get(PENDING_ACKS) ?? '{}'));
  return parsed.success ? parsed.data : {};
}

/** The acknowledgement status of the 940 sent in group `gsControl`: none until a 997 arrives. */
export function ackStatusOf(state: AdapterState, gsControl: string | number): AckStatus {
  const v = state.get(ackStatusKey(gsControl));
  return v === 'accepted' || v === 'accepted-with-errors' || v === 'rejected' ? v : 'none';
}
