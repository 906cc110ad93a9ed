// Where secrets live: the OS keychain (keytar) on a desktop, the environment on a headless server. Secrets never
// go to SQLite, settings, logs, or anything the renderer receives.

export const SECRET_NAMES = [
  'acumatica.sharedSecret',
  'acumatica.password',
  'acumatica.refreshToken',
  'wms.sftp.password',
  'wms.sftp.privateKey',
  'wms.extensiv.clientSecret',
] as const;

export type SecretName = (typeof SECRET_NAMES)[number];

export interface SecretStore {
  /** Where the secrets are kept, for messages ("OS keychain", "environment variables"). */
  readonly description: string;
  /** The secret, or null when it was never saved. Throws AppError 'keychain' when the store cannot be used. */
  get(name: SecretName): Promise<string | null>;
  set(name: SecretName, value: string): Promise<void>;
  delete(name: SecretName): Promise<void>;
}
