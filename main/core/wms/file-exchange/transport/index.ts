// Picks the transport named in the settings.
import type { WmsDeps } from '../../deps.js';
import type { FileExchangeSettings } from '../settings.js';
import { createFolderTransport } from './folder.js';
import { createSftpTransport, type SftpTransportOptions } from './sftp.js';
import type { ExchangeTransport } from './transport.js';

export type TransportFactory = (settings: FileExchangeSettings['transport'], deps: WmsDeps) => ExchangeTransport;

export function createTransport(settings: FileExchangeSettings['transport'], deps: WmsDeps, sftpOptions?: SftpTransportOptions): ExchangeTransport {
  return settings.kind === 'folder' ? createFolderTransport(settings.dir) : createSftpTransport(settings, deps, sftpOptions);
}

export type { ExchangeEntry, ExchangeTransport } from './transport.js';
export { TEMP_PREFIX } from './transport.js';
export { acceptSftpHostKey, hostKeyFingerprint, pinnedSftpHostKey, sftpHostKeyStateKey } from './sftp.js';
