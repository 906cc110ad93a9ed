// A tiny in-memory SecretStore for Extensiv tests (and the engine round trip): no keychain, nothing on disk.
import type { SecretName, SecretStore } from '../../../main/core/secrets/secret-store.js';

export function memorySecretStore(values: Partial<Record<SecretName, string>> = {}): SecretStore & { values: Map<SecretName, string> } {
  const map = new Map<SecretName, string>(Object.entries(values) as [SecretName, string][]);
  return {
    values: map,
    description: 'test secret store',
    get: async (name) => map.get(name) ?? null,
    set: async (name, value) => void map.set(name, value),
    delete: async (name) => void map.delete(name),
  };
}
