// The test kit's secret stores. The real ones live in main/core/secrets (keychain, environment); tests use:
// - MemorySecretStore / memorySecrets(): in memory, nothing on disk, with the history of every value set (to check
//   refresh-token rotation);
// - acumaticaSecretsEnv(): the environment `--secrets env` reads, holding the Acumatica double's secrets.
import type { SecretName, SecretStore } from '../../main/core/secrets/secret-store.js';
import type { AcumaticaDouble } from '../fakes/acumatica/server.js';

export class MemorySecretStore implements SecretStore {
  readonly description = 'test secret store';
  readonly values = new Map<SecretName, string>();
  /** Every value ever set, per name, in order (to check refresh-token rotation). */
  readonly history: { name: SecretName; value: string }[] = [];

  constructor(initial: Partial<Record<SecretName, string>> = {}) {
    for (const [k, v] of Object.entries(initial)) if (v !== undefined) this.values.set(k as SecretName, v);
  }

  async get(name: SecretName): Promise<string | null> {
    return this.values.get(name) ?? null;
  }

  async set(name: SecretName, value: string): Promise<void> {
    this.values.set(name, value);
    this.history.push({ name, value });
  }

  async delete(name: SecretName): Promise<void> {
    this.values.delete(name);
  }
}

/** A memory store holding `values`. */
export function memorySecrets(values: Partial<Record<SecretName, string>> = {}): MemorySecretStore {
  return new MemorySecretStore(values);
}

/** DROPSTREAM_ACUMATICA_* for `--secrets env`, from the double's credentials. */
export function acumaticaSecretsEnv(double: AcumaticaDouble): Record<string, string> {
  return { DROPSTREAM_ACUMATICA_CLIENT_SECRET: double.credentials.sharedSecret, DROPSTREAM_ACUMATICA_PASSWORD: double.credentials.password };
}
