// A file format of the file-exchange adapter: CSV (csv/) or X12 940/945/997 (x12/). The adapter owns the transport
// (folder or SFTP), stability checks, archive/error moves and duplicate files; the format owns bytes <-> domain.
import type { Order } from '../../domain/index.js';
import type { Fulfillment } from '../../domain/index.js';
import type { AdapterState, AttentionNote, OrderLookup } from '../adapter.js';

export interface OutboundFile {
  /** File name only (no directories); safe for any file system. */
  name: string;
  content: Buffer;
}

export interface ParsedInbound {
  fulfillments: Fulfillment[];
  /** Orders the partner rejected (X12 997 with AK5 R): failed with the reason. */
  rejectedOrders: { orderRef: string; reason: string }[];
  /** Non-empty: the whole file is rejected with these reasons and nothing of it is applied. */
  errors: string[];
  /** Files to send to the partner once the file is committed (X12 997 acknowledgements). */
  replies: OutboundFile[];
  /** Identity beyond the file name for duplicate detection (e.g. ISA sender + ISA13), or null. */
  dedupeKey: string | null;
  /**
   * The content behind dedupeKey (separators and line breaks aside). A file with a known dedupeKey but another
   * digest is not a re-send but a different file reusing the identity: refused, never archived silently.
   */
  contentDigest?: string;
}

export interface FormatContext {
  /** Durable state (control-number sequences, sent-940 index). */
  state: AdapterState;
  now: Date;
}

export type OrderAction = 'new' | 'change' | 'cancel';

export interface ExchangeFormat {
  readonly id: 'csv' | 'x12';
  /** Does this inbound file name belong to the format (shp_*.csv, *.edi, *.x12)? */
  accepts(fileName: string): boolean;
  /** The order file for the WMS. Called again with the same (order, action, revision) after a crash. */
  renderOrder(order: Order, action: OrderAction, revision: number, ctx: FormatContext): OutboundFile;
  /** Parses and validates a whole inbound file against the orders the engine knows. Never throws on bad input. */
  parseInbound(fileName: string, content: Buffer, lookup: OrderLookup, ctx: FormatContext): ParsedInbound;
  /**
   * Attention notes from the format's own bookkeeping (X12: 940s without a 997 after the window, 940s accepted with
   * errors). `lookup` tells which orders the engine still follows at the warehouse.
   */
  attention?(ctx: FormatContext, lookup?: OrderLookup): AttentionNote[];
}
