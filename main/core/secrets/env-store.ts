// Secrets from environment variables, for headless servers without a keychain (`--secrets env`). It never writes a
// secret anywhere: a value "saved" (the rotating Acumatica refresh token) is kept in this process's memory only.
import { readFileSync } from 'node:fs';
import { AppError } from '../errors.js';
import type { SecretName, SecretStore } from './secret-store.js';

export const ENV_NAMES: Record<SecretName, string | null> = {
  'acumatica.sharedSecret': 'DROPSTREAM_ACUMATICA_CLIENT_SECRET',
  'acumatica.password': 'DROPSTREAM_ACUMATICA_PASSWORD',
  'acumatica.refreshToken': null,
  'wms.sftp.password': 'DROPSTREAM_WMS_SFTP_PASSWORD',
  'wms.sftp.privateKey': 'DROPSTREAM_WMS_SFTP_KEY_FILE',
  'wms.extensiv.clientSecret': 'DROPSTREAM_WMS_EXTENSIV_CLIENT_SECRET',
};

/** Names whose variable holds a file path rather than the secret itself. */
const FILE_VARIABLES = new Set<SecretName>(['wms.sftp.privateKey']);

export function createEnvSecretStore(env: NodeJS.ProcessEnv = process.env): SecretStore {
  const memory = new Map<SecretName, string>();
  return {
    description: 'environment variables',
    async get(name) {
      const kept = memory.get(name);
      if (kept !== undefined) return kept;
      const variable = ENV_NAMES[name];
      const value = variable ? env[variable] : undefined;
      if (!value) return null;
      if (!FILE_VARIABLES.has(name)) return value;
      try {
        return readFileSync(value, 'utf8');
      } catch (e) {
        throw new AppError('config', `${variable} points to ${value}, which cannot be read. Check the path and permissions.`, {
          cause: e,
        });
      }
    },
    async set(name, value) {
      memory.set(name, value);
    },
    async delete(name) {
      memory.delete(name);
    },
  };
}
