// Wraps a SecretStore so every secret value that passes through it is known to the redactor: whatever code later
// logs or reports a text containing it, the value is masked.
import type { Redactor } from '../log/redact.js';
import type { SecretStore } from './secret-store.js';

export function registeringSecretStore(inner: SecretStore, redactor: Redactor): SecretStore {
  return {
    description: inner.description,
    async get(name) {
      const value = await inner.get(name);
      redactor.register(value);
      return value;
    },
    async set(name, value) {
      redactor.register(value);
      await inner.set(name, value);
    },
    delete: (name) => inner.delete(name),
  };
}
