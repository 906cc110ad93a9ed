// Secrets in the OS keychain through keytar: service = the app id, account = the secret's name.
// keytar is passed in so the core never loads the native module unless this store is used.
import { AppError } from '../errors.js';
import type { SecretName, SecretStore } from './secret-store.js';

export interface KeytarLike {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
}

export const APP_ID = 'com.dropstream.acumatica';

export function createKeytarSecretStore(keytar: KeytarLike, service: string = APP_ID): SecretStore {
  async function guard<T>(action: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (e) {
      throw keychainError(action, e);
    }
  }
  return {
    description: 'OS keychain',
    get: (name: SecretName) => guard('read', () => keytar.getPassword(service, name)),
    set: (name: SecretName, value: string) => guard('save', () => keytar.setPassword(service, name, value)),
    delete: async (name: SecretName) => {
      await guard('delete', () => keytar.deletePassword(service, name));
    },
  };
}

/** Turns the keychain's low-level failures into what the user can do about them. */
export function keychainError(action: string, e: unknown): AppError {
  const raw = e instanceof Error ? e.message : String(e);
  let advice: string;
  if (/autolaunch D-Bus|DBUS_SESSION_BUS_ADDRESS|Cannot autolaunch/i.test(raw)) {
    advice =
      'No desktop keychain is running (no D-Bus session). Sign in to a desktop session, or run the command with ' +
      '`--secrets env` and pass the secrets as environment variables.';
  } else if (/collection\/login|locked|No such interface|Object does not exist/i.test(raw)) {
    advice = 'The keychain is locked or has no default ("login") keyring. Unlock it (sign in again) and retry.';
  } else if (/libsecret|cannot open shared object/i.test(raw)) {
    advice = 'The keychain library is missing. Install libsecret (Debian/Ubuntu: apt install libsecret-1-0 gnome-keyring).';
  } else {
    advice = 'Check that the OS keychain is available and unlocked, then retry.';
  }
  return new AppError('keychain', `Could not ${action} the secret in the OS keychain: ${advice} (${raw})`, { cause: e });
}
