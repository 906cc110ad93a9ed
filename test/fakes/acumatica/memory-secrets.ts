// An in-memory SecretStore for tests (the real keychain store lives in main/core/secrets).
import type { SecretName, SecretStore } from '../../../main/core/secrets/secret-store.js';

export class MemorySecretStore implements SecretStore {
  readonly description = 'test memory store';
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
