// How the file-exchange adapter reaches the exchange root: a local/network folder or an SFTP server. Paths are
// relative to the root, '/'-separated, and built only with `exchangePath` so nothing from outside escapes the root.

export interface ExchangeEntry {
  name: string;
  size: number;
  /** Modification time in ms (SFTP servers report whole seconds). */
  mtimeMs: number;
  isFile: boolean;
}

export interface ExchangeTransport {
  /** For messages: "folder /srv/exchange", "sftp://wms@host:22/exchange". */
  readonly description: string;
  /** Fails (transient) when the root itself cannot be reached. */
  checkRoot(): Promise<void>;
  list(dir: string): Promise<ExchangeEntry[]>;
  read(path: string): Promise<Buffer>;
  /** Writes `.tmp-<random>-<name>` next to the target, then renames it over the target: never half a file. */
  writeAtomic(path: string, content: Buffer): Promise<void>;
  /** Renames; the caller picks a free target (see `freeName`). */
  move(from: string, to: string): Promise<void>;
  remove(path: string): Promise<void>;
  mkdirp(dir: string): Promise<void>;
  exists(path: string): Promise<boolean>;
  close(): Promise<void>;
}

/** Prefix of the temporary names written before the rename; the WMS must ignore files starting with '.'. */
export const TEMP_PREFIX = '.tmp-';
