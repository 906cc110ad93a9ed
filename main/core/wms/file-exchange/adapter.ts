// The file-exchange WMS adapter: order files into in/, shipment confirmations from out/, over a folder or SFTP,
// in the CSV or X12 format. The transport moves bytes, the format turns them into domain objects, and this module
// ties them to the engine's contract (idempotent sends, collect/commit, connection test).
import type { CancelOutcome, WmsAdapter } from '../adapter.js';
import type { WmsDeps } from '../deps.js';
import { runChecks } from './checks.js';
import type { ExchangeFormat } from './format.js';
import { ARCHIVE, ERROR, IN, OUT, createInbox } from './inbox.js';
import { listExchangeOrders } from './listing.js';
import { createOutbox } from './outbox.js';
import type { FileExchangeSettings } from './settings.js';
import { createTransport, type TransportFactory } from './transport/index.js';
import { pinnedSftpHostKey } from './transport/sftp.js';

export function createFileExchangeAdapter(
  settings: FileExchangeSettings,
  deps: WmsDeps,
  format: ExchangeFormat,
  makeTransport: TransportFactory = createTransport,
): WmsAdapter {
  const transport = makeTransport(settings.transport, deps);
  const outbox = createOutbox(transport, format, deps.state);
  const inbox = createInbox({ transport, format, state: deps.state, clock: deps.clock, logger: deps.logger, stableForMs: settings.stableForMs });
  let folders: Promise<void> | null = null;

  /** Creates in/, out/, out/archive/, out/error/ once per adapter (again after a failure). */
  function ensureFolders(): Promise<void> {
    folders ??= (async () => {
      await transport.checkRoot();
      for (const dir of [IN, OUT, ARCHIVE, ERROR]) await transport.mkdirp(dir);
    })().catch((e: unknown) => {
      folders = null;
      throw e;
    });
    return folders;
  }

  const now = (): Date => new Date(deps.clock.now());
  const t = settings.transport;

  return {
    name: 'file',
    supportsChange: true,
    supportsCancel: true,
    // A folder overlaps its file writes (each waits on the disk); one SFTP session is kept to one operation at a time.
    maxConcurrentSends: t.kind === 'folder' ? 4 : 1,
    testConnection: () =>
      runChecks({
        transport,
        format,
        isSftp: t.kind === 'sftp',
        pinnedHostKey: () => (t.kind === 'sftp' ? pinnedSftpHostKey(deps.state, t) : undefined),
        ensureFolders,
      }),
    async findOrder(orderRef) {
      await ensureFolders();
      const name = await outbox.find(orderRef);
      return name === null ? null : { wmsRef: name };
    },
    async sendOrder(order, action, revision) {
      await ensureFolders();
      return { wmsRef: await outbox.write(order, action, revision, now()) };
    },
    async cancelOrder(order, revision): Promise<CancelOutcome> {
      await ensureFolders();
      await outbox.write(order, 'cancel', revision, now());
      // The file only asks: a WMS that already shipped reports the shipment, which the engine flags.
      return { cancelled: true };
    },
    async collect(lookup) {
      await ensureFolders();
      return inbox.collect(lookup);
    },
    async listOrders(query) {
      await transport.checkRoot();
      return listExchangeOrders({ transport, format, state: deps.state, now: now() }, query);
    },
    close: () => transport.close(),
  };
}
