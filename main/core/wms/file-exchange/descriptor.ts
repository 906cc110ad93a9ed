// The file exchange as the registry knows it: CSV or X12 files in a folder or over SFTP (docs/file-exchange.md).
import { AppError } from '../../errors.js';
import type { WmsAdapterDescriptor } from '../descriptor.js';
import { createFileExchangeAdapter } from './adapter.js';
import { createCsvFormat } from './csv/format.js';
import { fileExchangeSettingsSchema, type FileExchangeSettings } from './settings.js';
import { createX12Format } from './x12/format.js';
import { x12ProfileSchema } from './x12/settings.js';

export const fileExchangeDescriptor = {
  id: 'file',
  label: 'File exchange (CSV or X12 files in a folder or over SFTP)',
  offered: 'always',
  settingsSchema: fileExchangeSettingsSchema,
  secretsFor(s) {
    if (s.transport.kind !== 'sftp') return [];
    return s.transport.auth === 'key' ? [{ name: 'wms.sftp.privateKey', label: 'SFTP private key' }] : [{ name: 'wms.sftp.password', label: 'SFTP password' }];
  },
  create(s, deps) {
    const format = s.format === 'x12' ? createX12Format(s.x12 ?? x12ProfileSchema.parse({})) : createCsvFormat();
    return createFileExchangeAdapter(s, deps, format);
  },
  cli: {
    options: [
      { flags: '--format <format>', description: 'file exchange format: csv (default) or x12' },
      { flags: '--dir <path>', description: 'file exchange: the exchange folder (holds in/ and out/)' },
      { flags: '--sftp <url>', description: 'file exchange over SFTP: sftp://USER@HOST:PORT/ROOT' },
      { flags: '--sftp-auth <kind>', description: 'password (default) or key' },
      { flags: '--stable-for-ms <ms>', description: 'file exchange: read a confirmation only after it has not changed for this long (default 2000)', number: true },
      { flags: '--x12-sender <qual:id>', description: 'X12: our ISA qualifier and ID, e.g. ZZ:ACMEERP' },
      { flags: '--x12-receiver <qual:id>', description: "X12: the warehouse's ISA qualifier and ID" },
      { flags: '--x12-usage <T|P>', description: 'X12: test or production' },
      { flags: '--x12-tracking <where>', description: 'X12: where 945s carry tracking numbers (MAN:CP, MAN:ZZ, N9:2I …)' },
      { flags: '--x12-ack-overdue-hours <n>', description: 'X12: flag an order whose 940 has no 997 after this many hours (default 24; 0 = off)', number: true },
    ],
    settingsFrom(o) {
      const x12 =
        o.format === 'x12'
          ? {
              ...(o.x12Sender ? { sender: o.x12Sender } : {}),
              ...(o.x12Receiver ? { receiver: o.x12Receiver } : {}),
              ...(o.x12Usage ? { usage: o.x12Usage } : {}),
              ...(o.x12Tracking ? { tracking: o.x12Tracking } : {}),
              ...(o.x12AckOverdueHours !== undefined ? { ackOverdueHours: o.x12AckOverdueHours } : {}),
            }
          : undefined;
      return { adapter: 'file', format: o.format ?? 'csv', transport: transportFrom(o), ...(o.stableForMs !== undefined ? { stableForMs: o.stableForMs } : {}), ...(x12 ? { x12 } : {}) };
    },
  },
} satisfies WmsAdapterDescriptor<FileExchangeSettings>;

function transportFrom(o: Readonly<Record<string, unknown>>): unknown {
  if (typeof o.sftp === 'string') {
    let url: URL;
    try {
      url = new URL(o.sftp);
    } catch {
      throw new AppError('invalid-input', '--sftp must look like sftp://USER@HOST:PORT/ROOT');
    }
    if (url.protocol !== 'sftp:') throw new AppError('invalid-input', '--sftp must start with sftp://');
    return {
      kind: 'sftp',
      host: url.hostname,
      port: url.port ? Number(url.port) : 22,
      username: decodeURIComponent(url.username),
      root: decodeURIComponent(url.pathname || '/'),
      auth: o.sftpAuth ?? 'password',
    };
  }
  if (typeof o.dir === 'string') return { kind: 'folder', dir: o.dir };
  throw new AppError('invalid-input', 'Give the exchange folder with --dir PATH, or an SFTP server with --sftp sftp://USER@HOST:PORT/ROOT.');
}
