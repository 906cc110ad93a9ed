// A small test X12 trading partner (a 3PL): it reads 940s from <root>/in/ (parsed by node-x12 strict, as a real
// translator would), answers each with a 997 in <root>/out/ at once, and with a 945 when asked to ship. DropStream's
// own 997s found in in/ are recorded. Processed files are moved to <root>/wms-processed/. Files are written under a
// temp name and renamed, as a careful WMS does. Works on a folder root, which is also the sshd double's root.
import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { X12FatInterchange, X12Parser, type X12Interchange } from 'node-x12';
import { padIsaControl, seg, writeInterchange, type Envelope, type Segment } from '../../main/core/wms/file-exchange/x12/writer.js';

export type TrackingStyle = 'MAN:CP' | 'MAN:ZZ' | 'MAN:CN' | 'N9:2I';

export interface X12WarehouseOptions {
  root: string;
  /** The warehouse's ISA id (DropStream's `receiver` setting). */
  id?: string;
  /** DropStream's ISA id (its `sender` setting). */
  partner?: string;
  usage?: 'T' | 'P';
  /** Ship about half of every line on the first 945; the rest on the next. */
  partial?: boolean;
  /** One carton (LX loop) per order line instead of one per order. */
  multiBox?: boolean;
  /** Where the 945 carries tracking numbers. */
  tracking?: TrackingStyle;
  /** Return a reason to reject that order's 940 with a 997 AK5 R (no 945 follows). */
  reject?: (orderRef: string) => string | null;
  /**
   * Accept that order's 940 with errors (AK5*E, AK9*E with an AK3/AK4 naming the element, as a translator does for
   * a non-fatal problem [FACTS.md section 4, element 717 code E]); the order is still taken.
   */
  acceptWithErrors?: (orderRef: string) => boolean;
  /** CCYYMMDD. */
  shipDate?: string;
  scac?: string;
  routing?: string;
  /** First ISA/GS control number the warehouse uses. */
  firstControl?: number;
  /** Sends this lot number in W12-09 of every item. */
  lot?: string;
  now?: Date;
}

interface OpenLine {
  lineRef: string;
  sku: string;
  unit: string;
  open: number;
}

interface WarehouseOrder {
  ref: string;
  lines: OpenLine[];
  shipments: number;
  cancelled: boolean;
}

export interface ReceivedFile {
  file: string;
  kind: '940' | '997' | 'unreadable';
  orderRef?: string;
  /** W05-01: N, R, F. */
  purpose?: string;
  /** For a 997 from DropStream: the 945 group (AK102) it acknowledges, and AK501 of each set. */
  acknowledges?: { group: string; statuses: string[] };
  /** For a 940: its segments between ST and SE as read (`[tag, el01, el02 …]`). */
  segments?: string[][];
  error?: string;
}

export interface WrittenFile {
  file: string;
  kind: '997' | '945';
  orderRef: string;
  trackingNumbers: string[];
}

const party = (v: string) => ({ qualifier: v.slice(0, 2), id: v.slice(3) });

/**
 * What a 4010 partner's translator checks in a 940 before accepting it [FACTS.md sections 1-2: widths from the
 * bots-grammars / EdiEngine 4010 tables; R0304 on W01; ISA11 `U`, ISA12 00401, GS08 004010]. Element data must be
 * printable ASCII (the X12 basic/extended character set) and every segment must have at least one element (a bare
 * `N4~` is invalid, and node-x12 folds it into the previous segment's last value). Returns AK3/AK4-style problems.
 */
const MAX_WIDTH: Record<string, Record<number, number>> = {
  W05: { 2: 22, 3: 22 }, N1: { 2: 60, 4: 80 }, N2: { 1: 60, 2: 60 }, N3: { 1: 55, 2: 55 }, N4: { 1: 30, 3: 15, 4: 3 },
  PER: { 2: 60, 4: 80, 6: 80 }, N9: { 2: 30, 3: 45 }, NTE: { 2: 80 }, G69: { 1: 45 }, W01: { 5: 48 }, W66: { 5: 35, 10: 4 },
};

export function problemsOf940(rawText: string, segments: string[][]): string[] {
  const problems: string[] = [];
  const term = rawText[105] ?? '~';
  const elementSep = rawText[3] ?? '*';
  const isa = rawText.slice(0, 106).split(elementSep);
  if (isa[11] !== 'U' || isa[12] !== '00401') problems.push(`ISA11/ISA12 are ${isa[11]}/${isa[12]}, not U/00401`);
  for (const raw of rawText.split(term).map((x) => x.trim()).filter((x) => x !== '')) {
    if (/^[A-Z0-9]{2,3}$/.test(raw)) problems.push(`segment ${raw} has no elements`);
  }
  const gs = rawText.split(term).map((x) => x.trim()).find((x) => x.startsWith(`GS${elementSep}`));
  if (gs?.split(elementSep)[8] !== '004010') problems.push(`GS08 is ${gs?.split(elementSep)[8]}, not 004010`);
  for (const [tag, ...els] of segments) {
    els.forEach((v, i) => {
      if (/[^\x20-\x7e]/.test(v)) problems.push(`${tag}${String(i + 1).padStart(2, '0')} has a character outside the X12 character set`);
      const max = MAX_WIDTH[tag!]?.[i + 1];
      if (max !== undefined && v.length > max) problems.push(`${tag}${String(i + 1).padStart(2, '0')} is ${v.length} characters, more than ${max}`);
    });
    if (tag === 'W01' && (els[2] ?? '') === '' && (els[3] ?? '') === '') problems.push('W01 has neither W01-03 nor W01-04 (R0304)');
    if (tag === 'N4' && (els[1] ?? '') !== '' && els[1]!.length !== 2) problems.push('N4-02 is not 2 characters');
  }
  if (!segments.some((x) => x[0] === 'W05')) problems.push('W05 (mandatory) is missing');
  return problems;
}

/** What a partner checks in a 997 it receives: AK9 counts match the AK2/AK5 pairs [FACTS.md section 4]. */
export function problemsOf997(segments: string[][]): string[] {
  const ak5 = segments.filter((x) => x[0] === 'AK5').map((x) => x[1]);
  const ak2 = segments.filter((x) => x[0] === 'AK2').length;
  const ak9 = segments.find((x) => x[0] === 'AK9');
  if (!segments.some((x) => x[0] === 'AK1') || !ak9) return ['AK1 or AK9 missing'];
  const accepted = ak5.filter((v) => v === 'A' || v === 'E').length;
  const problems: string[] = [];
  if (ak5.length !== ak2) problems.push(`${ak2} AK2 but ${ak5.length} AK5`);
  if (ak9[2] !== String(ak2) || ak9[3] !== String(ak2) || ak9[4] !== String(accepted)) problems.push(`AK9 counts ${ak9.slice(2, 5).join('/')} do not match ${ak2} sets, ${accepted} accepted`);
  return problems;
}

export class X12Warehouse {
  readonly orders = new Map<string, WarehouseOrder>();
  readonly received: ReceivedFile[] = [];
  private control: number;
  private tracking = 0;

  constructor(private readonly options: X12WarehouseOptions) {
    this.control = (options.firstControl ?? 900) - 1;
  }

  /** Reads new files from in/ (answering 940s with 997s), then ships what is open. */
  async run(): Promise<{ received: ReceivedFile[]; written: WrittenFile[] }> {
    const { received, written } = await this.receive();
    return { received, written: [...written, ...(await this.ship())] };
  }

  async receive(): Promise<{ received: ReceivedFile[]; written: WrittenFile[] }> {
    const inDir = join(this.options.root, 'in');
    const done = join(this.options.root, 'wms-processed');
    await mkdir(done, { recursive: true });
    const names = (await readdir(inDir)).filter((n) => /\.(edi|x12)$/i.test(n)).sort();
    const received: ReceivedFile[] = [];
    const written: WrittenFile[] = [];
    for (const name of names) {
      const text = await readFile(join(inDir, name), 'utf8');
      let parsed: X12Interchange | X12FatInterchange;
      try {
        parsed = new X12Parser(true).parse(text);
      } catch (err) {
        received.push({ file: name, kind: 'unreadable', error: err instanceof Error ? err.message : String(err) });
        await rename(join(inDir, name), join(done, name));
        continue;
      }
      for (const ic of parsed instanceof X12FatInterchange ? parsed.interchanges : [parsed]) {
        for (const group of ic.functionalGroups) {
          const gs06 = group.header.elements[5]!.value;
          const fid = group.header.elements[0]!.value;
          if (fid === 'FA') {
            for (const t of group.transactions) {
              const segs = t.segments.map((s) => [s.tag, ...s.elements.map((e) => e.value)]);
              const ak1 = segs.find((s) => s[0] === 'AK1');
              const problems = problemsOf997(segs);
              received.push({
                file: name, kind: '997', acknowledges: { group: ak1?.[2] ?? '', statuses: segs.filter((s) => s[0] === 'AK5').map((s) => s[1] ?? '') },
                ...(problems.length > 0 ? { error: problems.join('; ') } : {}),
              });
            }
            continue;
          }
          for (const t of group.transactions) {
            const segs = t.segments.map((s) => [s.tag, ...s.elements.map((e) => e.value)]);
            const w05 = segs.find((s) => s[0] === 'W05')!;
            const ref = w05[2]!;
            const problems = problemsOf940(text.replace(/^\uFEFF/, ''), segs);
            received.push({ file: name, kind: '940', orderRef: ref, purpose: w05[1]!, segments: segs, ...(problems.length > 0 ? { error: problems.join('; ') } : {}) });
            const reason = problems.length > 0 ? problems.join('; ') : (this.options.reject?.(ref) ?? null);
            written.push(await this.write997(ref, gs06, t.header.elements[1]!.value, reason));
            if (reason !== null) continue;
            if (w05[1] === 'F') {
              const o = this.orders.get(ref);
              if (o) o.cancelled = true;
              continue;
            }
            const lines: OpenLine[] = [];
            for (let i = 0; i < segs.length; i++) {
              const s = segs[i]!;
              if (s[0] !== 'W01') continue;
              const li = segs.slice(i + 1).find((x) => (x[0] === 'N9' && x[1] === 'LI') || x[0] === 'LX');
              lines.push({ lineRef: li?.[0] === 'N9' ? li[2]! : '', sku: s[5]!, unit: s[2]!, open: Number(s[1]) });
            }
            const before = this.orders.get(ref);
            this.orders.set(ref, { ref, lines, shipments: before?.shipments ?? 0, cancelled: false });
          }
        }
      }
      await rename(join(inDir, name), join(done, name));
    }
    this.received.push(...received);
    return { received, written };
  }

  /** Writes one 945 per open order (partial on the first shipment when asked). */
  async ship(): Promise<WrittenFile[]> {
    const out: WrittenFile[] = [];
    for (const order of this.orders.values()) {
      const file = await this.ship945(order);
      if (file) out.push(file);
    }
    return out;
  }

  private envelope(control: number): Envelope {
    const id = party(this.options.id ?? 'ZZ:WHSE3PL');
    const partner = party(this.options.partner ?? 'ZZ:ACMEERP');
    return {
      sender: id, receiver: partner, gsSender: id.id, gsReceiver: partner.id, version: '004010', usage: this.options.usage ?? 'P',
      date: this.options.now ?? new Date('2026-11-27T12:00:00Z'), isaControl: control,
      separators: { element: '*', segment: '~', component: '>' }, newlineAfterSegment: true,
    };
  }

  private async put(file: string, text: string): Promise<void> {
    const outDir = join(this.options.root, 'out');
    await mkdir(outDir, { recursive: true });
    await writeFile(join(outDir, `.tmp-${file}`), text);
    await rename(join(outDir, `.tmp-${file}`), join(outDir, file));
  }

  private async write997(orderRef: string, gs06: string, st02: string, reason: string | null): Promise<WrittenFile> {
    const control = ++this.control;
    const body: Segment[] = [seg('AK1', 'OW', gs06), seg('AK2', '940', st02)];
    // A rejection names a segment error as translators do; `reason` goes in the AK4 bad-data copy.
    if (reason !== null) body.push(seg('AK3', 'W01', '1', '', '8'), seg('AK4', '2', '355', '7', reason.replace(/[^A-Za-z0-9 .-]/g, ' ').slice(0, 99)), seg('AK5', 'R', '5'), seg('AK9', 'R', '1', '1', '0'));
    else if (this.options.acceptWithErrors?.(orderRef)) body.push(seg('AK3', 'N1', '3', '', '8'), seg('AK4', '2', '93', '5'), seg('AK5', 'E'), seg('AK9', 'E', '1', '1', '1'));
    else body.push(seg('AK5', 'A'), seg('AK9', 'A', '1', '1', '1'));
    const file = `997_${padIsaControl(control)}.edi`;
    await this.put(file, writeInterchange(this.envelope(control), [{ functionalId: 'FA', control, sets: [{ id: '997', control: '0001', body }] }]));
    return { file, kind: '997', orderRef, trackingNumbers: [] };
  }

  private async ship945(order: WarehouseOrder): Promise<WrittenFile | null> {
    if (order.cancelled) return null;
    const firstPartial = this.options.partial === true && order.shipments === 0;
    const picks = order.lines
      .map((l) => ({ line: l, qty: firstPartial ? Math.max(1, Math.floor(l.open / 2)) : l.open }))
      .filter((p) => p.line.open > 0 && p.qty > 0);
    if (picks.length === 0) return null;
    order.shipments += 1;
    const style = this.options.tracking ?? 'MAN:CP';
    const scac = this.options.scac ?? 'UPSN';
    const boxes = this.options.multiBox ? picks.map((p) => [p]) : [picks];
    const trackingNumbers = boxes.map(() => `1ZTEST${String(++this.tracking).padStart(8, '0')}`);
    const control = ++this.control;
    const body: Segment[] = [
      seg('W06', 'F', order.ref, this.options.shipDate ?? '20261127', `SHP-${order.ref}-${order.shipments}`),
      seg('N1', 'SF', 'TEST WAREHOUSE'),
      seg('N9', 'BM', `BOL${control}`),
    ];
    if (style === 'N9:2I') for (const t of trackingNumbers) body.push(seg('N9', '2I', t));
    body.push(seg('G62', '11', this.options.shipDate ?? '20261127'), seg('W27', 'U', scac, this.options.routing ?? 'UPS GROUND', 'PP'));
    let units = 0;
    boxes.forEach((content, i) => {
      const t = trackingNumbers[i]!;
      body.push(seg('LX', String(i + 1)), seg('MAN', 'GM', `0000${String(control).padStart(8, '0')}${String(i + 1).padStart(8, '0')}`));
      if (style === 'MAN:CP') body.push(seg('MAN', 'CP', t));
      if (style === 'MAN:ZZ') body.push(seg('MAN', 'ZZ', t));
      if (style === 'MAN:CN') body.push(seg('MAN', '2', scac, '', 'CN', t));
      for (const { line, qty } of content) {
        const status = qty === line.open ? 'CC' : 'BP';
        body.push(seg('W12', status, String(line.open), String(qty), String(line.open - qty), line.unit, '', 'VN', line.sku, this.options.lot ?? '', '1.5', 'G', 'L'));
        if (line.lineRef !== '') body.push(seg('N9', 'LI', line.lineRef));
        line.open -= qty;
        units += qty;
      }
    });
    body.push(seg('W03', String(units), String(1.5 * picks.length), 'LB', '', '', String(boxes.length), 'CT'));
    const file = `945_${order.ref.replace(/[^A-Za-z0-9_-]/g, '_')}_${padIsaControl(control)}.edi`;
    await this.put(file, writeInterchange(this.envelope(control), [{ functionalId: 'SW', control, sets: [{ id: '945', control: '0001', body }] }]));
    return { file, kind: '945', orderRef: order.ref, trackingNumbers };
  }
}
