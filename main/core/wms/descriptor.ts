// What a warehouse integration tells the rest of the app about itself: one descriptor per adapter folder
// (<adapter>/descriptor.ts), listed once in registry.ts. Settings, the CLI (`configure wms`, `test-connection`), the
// adapter factory and the wizard all read the registry, so adding an adapter touches nothing outside its folder and
// the one registry line (docs/adapters.md). Only what really differs per adapter is here.
import type { z } from 'zod';
import type { CheckResult } from '../checks.js';
import { AppError } from '../errors.js';
import type { SecretName } from '../secrets/secret-store.js';
import type { WmsAdapter } from './adapter.js';
import type { WmsDeps } from './deps.js';

/** Every adapter's settings: an object whose `adapter` names its descriptor. */
export interface WmsSettingsBase {
  adapter: string;
}

/** A secret a configuration needs, as the CLI asks for it and the wizard labels it. */
export interface WmsSecretNeed {
  name: Exclude<SecretName, 'acumatica.refreshToken'>;
  /** Operator-facing, e.g. "Extensiv client secret". */
  label: string;
}

/** One `dropstream configure wms` flag, in commander's syntax ("--dir <path>"). */
export interface WmsCliOption {
  flags: string;
  description: string;
  /** The value is a number (parsed before validation, so the schema's messages apply). */
  number?: boolean;
}

/** A settings schema the registry can put in a discriminated union on `adapter`. */
export type WmsSettingsSchema<S extends WmsSettingsBase> = z.ZodType<S> & z.core.$ZodTypeDiscriminable;

export interface WmsAdapterDescriptor<S extends WmsSettingsBase = WmsSettingsBase> {
  /** The `adapter` value in settings; also the namespace of the adapter's durable state. */
  readonly id: S['adapter'];
  /** Operator-facing name, shown in the wizard's list. */
  readonly label: string;
  /** 'when-chosen': the wizard offers it only when the settings already use it (the demo warehouse). */
  readonly offered: 'always' | 'when-chosen';
  readonly settingsSchema: WmsSettingsSchema<S>;
  /** The secrets these settings need (an SFTP password only for an SFTP password sign-in, …). */
  secretsFor(settings: S): WmsSecretNeed[];
  create(settings: S, deps: WmsDeps): WmsAdapter;
  /** "Test connection"; absent: build the adapter, run its own testConnection, close it. */
  testConnection?(settings: S, deps: WmsDeps): Promise<CheckResult[]>;
  readonly cli: {
    /** Flags of `configure wms` for this adapter; flags of the same name are shared between adapters. */
    readonly options: readonly WmsCliOption[];
    /** The settings the flags describe (commander's camel-cased option values), validated by the caller. */
    settingsFrom(options: Readonly<Record<string, unknown>>): unknown;
  };
}

/**
 * A registry entry of any settings type. The methods are declared with method syntax, so a descriptor of specific
 * settings fits here; the registry hands each descriptor only settings its own schema produced.
 */
export type AnyWmsAdapterDescriptor = WmsAdapterDescriptor<WmsSettingsBase>;

/** "on" / "off" of a flag such as --extensiv-uom-qualifier. */
export function onOffFlag(value: unknown, flag: string): boolean {
  const t = String(value).trim().toLowerCase();
  if (t === 'on') return true;
  if (t === 'off') return false;
  throw new AppError('invalid-input', `${flag} takes on or off, not "${String(value)}".`);
}
