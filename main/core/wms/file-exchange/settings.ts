// Settings of the file-exchange adapter (CSV or X12 files in a folder or over SFTP). Secrets are not here.
import { z } from 'zod';
import { x12ProfileSchema } from './x12/settings.js';

export const folderTransportSchema = z.object({
  kind: z.literal('folder'),
  /** The exchange root holding in/ and out/. */
  dir: z.string().min(1, 'Choose the exchange folder'),
});

export const sftpTransportSchema = z.object({
  kind: z.literal('sftp'),
  host: z.string().min(1, 'Enter the SFTP host'),
  port: z.number().int().min(1).max(65535).default(22),
  username: z.string().min(1, 'Enter the SFTP user name'),
  /** The exchange root on the server. */
  root: z.string().default('/'),
  auth: z.enum(['password', 'key']).default('password'),
});

export const fileExchangeSettingsSchema = z.object({
  adapter: z.literal('file'),
  format: z.enum(['csv', 'x12']).default('csv'),
  transport: z.discriminatedUnion('kind', [folderTransportSchema, sftpTransportSchema]),
  /** A confirmation file is read only once its size and mtime have not changed for this long. */
  stableForMs: z.number().int().min(0).default(2000),
  x12: x12ProfileSchema.optional(),
});

export type FileExchangeSettings = z.infer<typeof fileExchangeSettingsSchema>;
