// "Test connection" for the file exchange, worded for the operator: root reachable, host key (SFTP), folders,
// in/ writable, out/ readable. A step after a failed one is reported as skipped.
import type { CheckResult } from '../../checks.js';
import { isAppError, toAppError } from '../../errors.js';
import type { ExchangeFormat } from './format.js';
import { IN, OUT } from './inbox.js';
import { exchangePath } from './transport/safe-path.js';
import { TEMP_PREFIX, type ExchangeTransport } from './transport/transport.js';

export interface CheckInputs {
  transport: ExchangeTransport;
  format: ExchangeFormat;
  isSftp: boolean;
  /** The pinned host-key fingerprint after connecting (SFTP). */
  pinnedHostKey: () => string | undefined;
  ensureFolders: () => Promise<void>;
}

export async function runChecks(x: CheckInputs): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  let failed = false;
  const step = async (id: string, label: string, run: () => Promise<string>): Promise<void> => {
    if (failed) {
      results.push({ id, label, ok: false, skipped: true, message: 'Skipped: fix the step above first.' });
      return;
    }
    try {
      results.push({ id, label, ok: true, message: await run() });
    } catch (e) {
      failed = true;
      results.push({ id, label, ok: false, message: toAppError(e).message });
    }
  };

  if (x.isSftp) {
    let hostKeyError: string | null = null;
    const pinnedBefore = x.pinnedHostKey();
    await step('reachable', 'SFTP server reachable', async () => {
      try {
        await x.transport.checkRoot();
      } catch (e) {
        if (isAppError(e) && e.credential === 'wms-host-key') {
          hostKeyError = e.message;
          return `The server answered at ${x.transport.description}.`;
        }
        throw e;
      }
      return `Signed in to ${x.transport.description}.`;
    });
    await step('host-key', 'Server host key', async () => {
      if (hostKeyError !== null) throw new Error(hostKeyError);
      const pinned = x.pinnedHostKey() ?? '(unknown)';
      if (pinnedBefore === undefined) {
        return `First connection: pinned the server's host key ${pinned}. Compare it with the fingerprint your server administrator gives you; from now on a different key is refused.`;
      }
      return `Host key ${pinned} matches the one pinned on first connect.`;
    });
  } else {
    await step('reachable', 'Exchange folder reachable', async () => {
      await x.transport.checkRoot();
      return `Found the ${x.transport.description}.`;
    });
  }
  await step('folders', 'Exchange folders', async () => {
    await x.ensureFolders();
    return 'in/, out/, out/archive/ and out/error/ are in place.';
  });
  await step('write-in', 'Orders folder writable', async () => {
    const probe = exchangePath(IN, `${TEMP_PREFIX}dropstream-check`);
    await x.transport.writeAtomic(probe, Buffer.from('connection check\n'));
    await x.transport.remove(probe);
    return 'The app can write order files into in/.';
  });
  await step('read-out', 'Confirmations folder readable', async () => {
    const waiting = (await x.transport.list(OUT)).filter((e) => e.isFile && x.format.accepts(e.name)).length;
    return `out/ is readable; ${waiting} confirmation file${waiting === 1 ? '' : 's'} waiting.`;
  });
  return results;
}
