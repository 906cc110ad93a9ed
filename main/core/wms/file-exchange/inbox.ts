// Confirmation files from out/: wait until a file is stable, parse it with the format, move duplicates to
// out/archive/ and bad files to out/error/ (with <file>.error.txt), hand good ones to the engine as batches that
// are archived only on commit. A crash before commit leaves the file in out/, so it is offered again.
import { createHash } from 'node:crypto';
import type { Clock } from '../../clock.js';
import { linesFromPackages, packageKey, type Fulfillment } from '../../domain/index.js';
import { AppError } from '../../errors.js';
import type { Logger } from '../../log/logger.js';
import type { AdapterState, CollectResult, InboundBatch, OrderLookup } from '../adapter.js';
import type { ExchangeFormat } from './format.js';
import { exchangePath, freeName } from './transport/safe-path.js';
import type { ExchangeEntry, ExchangeTransport } from './transport/transport.js';

export const IN = 'in';
export const OUT = 'out';
export const ARCHIVE = 'out/archive';
export const ERROR = 'out/error';

/** SFTP (and FAT/SMB shares) report mtimes in whole seconds: an mtime can be up to this much older than the write. */
const MTIME_RESOLUTION_MS = 1000;

interface Sighting { size: number; mtimeMs: number; since: number }

export interface InboxDeps {
  transport: ExchangeTransport;
  format: ExchangeFormat;
  state: AdapterState;
  clock: Clock;
  logger: Logger;
  stableForMs: number;
}

const committedKey = (hash: string): string => `inbound-committed:${hash}`;
const dedupeStateKey = (key: string): string => `inbound-dedupe:${key}`;

/** Packages already recorded for their order are dropped, so one box never posts twice (same box, other file). */
function withoutKnownPackages(fulfillments: Fulfillment[], lookup: OrderLookup): Fulfillment[] {
  const out: Fulfillment[] = [];
  for (const f of fulfillments) {
    const known = lookup(f.orderRef)?.knownPackages;
    if (!known || known.size === 0) {
      out.push(f);
      continue;
    }
    const packages = f.packages.filter((p) => !known.has(packageKey(f.orderRef, p)));
    if (packages.length === f.packages.length) out.push(f);
    else if (packages.length > 0) out.push({ ...f, packages, lines: linesFromPackages(packages) });
  }
  return out;
}

export function createInbox(deps: InboxDeps) {
  const { transport, format, state, clock } = deps;
  const log = deps.logger.child({ module: 'wms.file.inbox' });
  // When each file in out/ was first seen at its current size and mtime. Kept in the adapter state, so a single
  // `dropstream sync --once` every few minutes (cron) still finds a file stable on its next run.
  const SIGHTINGS_KEY = 'inbox.sightings';
  const sightings = new Map<string, Sighting>(Object.entries(JSON.parse(state.get(SIGHTINGS_KEY) ?? '{}') as Record<string, Sighting>));
  const saveSightings = (): void => state.set(SIGHTINGS_KEY, JSON.stringify(Object.fromEntries(sightings)));

  /**
   * Stable = last modified at least stableForMs ago. A file whose mtime is already that old when first seen is read
   * on that very poll (issue #15 item 3: a cron `sync --once` every 15 minutes must not add 15 minutes). A file
   * modified within the window (or with an mtime in the future: the server's clock runs ahead) must keep the same
   * size and mtime for stableForMs of our clock across collects, the two-sightings rule.
   */
  function isStable(e: ExchangeEntry, now: number): boolean {
    const old = deps.stableForMs === 0 || now - e.mtimeMs >= deps.stableForMs + MTIME_RESOLUTION_MS;
    const seen = sightings.get(e.name);
    if (!seen || seen.size !== e.size || seen.mtimeMs !== e.mtimeMs) {
      sightings.set(e.name, { size: e.size, mtimeMs: e.mtimeMs, since: now });
      return old;
    }
    return old || now - seen.since >= deps.stableForMs;
  }

  /** A free name in `folder` (also free with `companion` appended, for <file>.error.txt). */
  async function freeIn(folder: string, name: string, companion = ''): Promise<string> {
    const taken = async (c: string): Promise<boolean> =>
      (await transport.exists(`${folder}/${exchangePath(c)}`)) || (companion !== '' && (await transport.exists(`${folder}/${exchangePath(c + companion)}`)));
    return freeName(name, taken);
  }

  async function archive(name: string): Promise<string> {
    const target = await freeIn(ARCHIVE, name);
    await transport.move(exchangePath(OUT, name), `${ARCHIVE}/${exchangePath(target)}`);
    return target;
  }

  async function reject(name: string, reasons: string[]): Promise<void> {
    const target = await freeIn(ERROR, name, '.error.txt');
    const text = [
      `DropStream rejected ${name} on ${new Date(clock.now()).toISOString()}. Nothing from this file was applied.`,
      'Fix every problem below, then drop the corrected file into out/ again (a new name is fine).',
      '',
      ...reasons.map((r) => `- ${r}`),
      '',
    ].join('\r\n');
    // The reasons first: a crash between the two steps leaves the file in out/ to be rejected again.
    await transport.writeAtomic(`${ERROR}/${exchangePath(`${target}.error.txt`)}`, Buffer.from(text, 'utf8'));
    await transport.move(exchangePath(OUT, name), `${ERROR}/${exchangePath(target)}`);
  }

  async function sendReplies(replies: readonly { name: string; content: Buffer }[]): Promise<void> {
    for (const reply of replies) await transport.writeAtomic(exchangePath(IN, reply.name), reply.content);
  }

  /** The file (and content digest) that committed this identity; values written before digests were kept are a name. */
  function committedIdentity(key: string): { file: string; digest?: string } | null {
    const raw = state.get(dedupeStateKey(key));
    if (raw === undefined) return null;
    try {
      const v: unknown = JSON.parse(raw);
      if (typeof v === 'object' && v !== null && 'file' in v && typeof v.file === 'string') {
        return { file: v.file, ...('digest' in v && typeof v.digest === 'string' ? { digest: v.digest } : {}) };
      }
    } catch {
      // A plain file name (older versions).
    }
    return { file: raw };
  }

  async function readStable(name: string): Promise<Buffer | null> {
    try {
      return await transport.read(exchangePath(OUT, name));
    } catch (e) {
      if (e instanceof AppError && e.kind === 'invalid-input') {
        // Not a file we may read (a symbolic link that replaced it): left where it is, never applied.
        log.warn('Confirmation file skipped', { file: name, reason: e.message });
        sightings.delete(name);
        return null;
      }
      if (!(e instanceof AppError) || (e.kind !== 'not-found' && e.kind !== 'transient')) throw e;
      // A failing root fails the whole collect; a file that is merely locked by its writer (Windows share) or
      // moved away meanwhile is looked at again next time.
      if (e.kind === 'transient') await transport.checkRoot();
      log.info('Confirmation file not readable yet', { file: name, reason: e.message });
      sightings.delete(name);
      return null;
    }
  }

  return {
    async collect(lookup: OrderLookup): Promise<CollectResult> {
      const result: CollectResult = { batches: [], rejected: [] };
      const present = new Set<string>();
      const handled = new Set<string>();
      // Pass 1 takes what is stable now. A file modified within the last seconds (written just before this poll)
      // is looked at once more after a short wait (at most the stability window plus the mtime resolution), so it
      // is collected by this poll rather than the next: the confirmation latency stays within one poll interval.
      const pending = await collectPass(lookup, result, present, handled);
      if (pending > 0 && pending <= deps.stableForMs + MTIME_RESOLUTION_MS) {
        await clock.sleep(pending);
        await collectPass(lookup, result, present, handled);
      }
      for (const name of sightings.keys()) if (!present.has(name)) sightings.delete(name);
      saveSightings();
      const attention = format.attention?.({ state, now: new Date(clock.now()) }, lookup) ?? [];
      return attention.length > 0 ? { ...result, attention } : result;
    },
  };

  /** Handles every stable file once; returns how long until the freshest unstable file is old enough (0: none). */
  async function collectPass(lookup: OrderLookup, result: CollectResult, present: Set<string>, handled: Set<string>): Promise<number> {
      const entries = (await transport.list(OUT)).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      const now = clock.now();
      let wait = 0;
      for (const e of entries) {
        if (!e.isFile || e.name.startsWith('.') || !format.accepts(e.name) || handled.has(e.name)) continue;
        present.add(e.name);
        if (!isStable(e, now)) {
          wait = Math.max(wait, e.mtimeMs + deps.stableForMs + MTIME_RESOLUTION_MS - now);
          continue;
        }
        handled.add(e.name);
        const content = await readStable(e.name);
        if (content === null) continue;
        const hash = createHash('sha256').update(content).digest('hex');
        const parsed = format.parseInbound(e.name, content, lookup, { state, now: new Date(now) });
        if (state.get(committedKey(hash)) !== undefined) {
          // A re-send: the partner gets the acknowledgement it evidently missed (the stored 997, same control numbers).
          await sendReplies(parsed.replies);
          const where = await archive(e.name);
          log.info('Duplicate confirmation file archived without applying it', { file: e.name, archivedAs: where });
          continue;
        }
        const earlier = parsed.dedupeKey !== null ? committedIdentity(parsed.dedupeKey) : null;
        if (earlier !== null) {
          if (earlier.digest !== undefined && parsed.contentDigest !== undefined && earlier.digest !== parsed.contentDigest) {
            const reasons = [
              `This file reuses the identity ${parsed.dedupeKey} of ${earlier.file}, which was applied already, but its content differs: it is not a re-send. Nothing of it was applied. Ask the sender for a new interchange control number (ISA13) for a new file.`,
            ];
            await reject(e.name, reasons);
            log.warn('Confirmation file reusing an applied identity rejected', { file: e.name, earlier: earlier.file });
            result.rejected.push({ source: `${OUT}/${e.name}`, reasons });
            continue;
          }
          await sendReplies(parsed.replies);
          const where = await archive(e.name);
          log.info('Duplicate confirmation (same interchange) archived without applying it', { file: e.name, archivedAs: where });
          continue;
        }
        if (parsed.errors.length > 0) {
          // Acknowledgements still go out (a 997 answers syntax, not whether the operator can apply the content).
          await sendReplies(parsed.replies);
          await reject(e.name, parsed.errors);
          log.warn('Confirmation file rejected', { file: e.name, reasons: parsed.errors.length });
          result.rejected.push({ source: `${OUT}/${e.name}`, reasons: parsed.errors });
          continue;
        }
        result.batches.push(batchFor(e.name, hash, parsed, lookup));
      }
      return wait;
  }

  function batchFor(name: string, hash: string, parsed: ReturnType<ExchangeFormat['parseInbound']>, lookup: OrderLookup): InboundBatch {
    let committed = false;
    return {
      id: parsed.dedupeKey !== null ? `${format.id}:${parsed.dedupeKey}` : `sha256:${hash}`,
      source: `${OUT}/${name}`,
      fulfillments: withoutKnownPackages(parsed.fulfillments, lookup),
      rejectedOrders: parsed.rejectedOrders,
      async commit() {
        if (committed) return;
        await sendReplies(parsed.replies);
        const identity = JSON.stringify({ file: name, ...(parsed.contentDigest !== undefined ? { digest: parsed.contentDigest } : {}) });
        state.setMany({ [committedKey(hash)]: name, ...(parsed.dedupeKey !== null ? { [dedupeStateKey(parsed.dedupeKey)]: identity } : {}) });
        if (await transport.exists(exchangePath(OUT, name))) await archive(name);
        // Saved with the next collect (saving the whole map per file made a big backlog quadratic).
        sightings.delete(name);
        committed = true;
      },
    };
  }
}
