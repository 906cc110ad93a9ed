// The one list of warehouse adapters. Settings (the file on disk, the CLI, the contract's settings.save), the CLI's
// `configure wms` and `test-connection`, the adapter factory and the wizard all read a registry; production uses
// this list, tests pass a longer one (test/fakes/memory-wms.ts adds the in-memory warehouse). A new adapter is one
// folder with a descriptor.ts and one line here (docs/adapters.md).
import { z } from 'zod';
import type { CheckResult } from '../checks.js';
import { AppError } from '../errors.js';
import type { WmsAdapter } from './adapter.js';
import type { WmsDeps } from './deps.js';
import type { AnyWmsAdapterDescriptor, WmsSecretNeed, WmsSettingsBase } from './descriptor.js';
import { extensivDescriptor } from './extensiv/descriptor.js';
import { fileExchangeDescriptor } from './file-exchange/descriptor.js';
import { simulatedDescriptor } from './simulated/descriptor.js';

export const builtInWmsAdapters = [fileExchangeDescriptor, extensivDescriptor, simulatedDescriptor] as const;

export type WmsRegistry = readonly AnyWmsAdapterDescriptor[];

type SchemaOfRegistry<R extends WmsRegistry> = R[number]['settingsSchema'];
/** The settings one of the registry's adapters takes, and what a settings file may hold for it before defaults. */
export type SettingsOfRegistry<R extends WmsRegistry> = z.output<SchemaOfRegistry<R>>;
export type SettingsInputOfRegistry<R extends WmsRegistry> = z.input<SchemaOfRegistry<R>>;

/** The settings of the production adapters, as code outside the adapters sees them. */
export type WmsSettings = SettingsOfRegistry<typeof builtInWmsAdapters>;

export function adapterIds(registry: WmsRegistry): string[] {
  return registry.map((d) => d.id);
}

function unknownAdapter(registry: WmsRegistry, id: unknown): string {
  return `Unknown warehouse adapter "${String(id)}": choose one of ${adapterIds(registry).join(', ')}`;
}

export function descriptorOf(registry: WmsRegistry, id: string): AnyWmsAdapterDescriptor {
  const found = registry.find((d) => d.id === id);
  if (!found) throw new AppError('config', `${unknownAdapter(registry, id)}.`);
  return found;
}

/**
 * The `wms` settings schema of a registry: a union on `adapter` of its adapters' schemas. An unknown adapter is
 * reported with the ones to choose from instead of zod's generic "invalid input".
 */
export function wmsSettingsSchemaOf<R extends WmsRegistry>(registry: R): z.ZodType<SettingsOfRegistry<R>, SettingsInputOfRegistry<R>> {
  const [first, ...rest] = registry.map((d) => d.settingsSchema);
  if (!first) throw new Error('A warehouse adapter registry needs at least one adapter');
  const union = z.discriminatedUnion('adapter', [first, ...rest], {
    error: (issue) => {
      if (issue.code !== 'invalid_union') return undefined;
      const input: unknown = issue.input;
      const id = input !== null && typeof input === 'object' && 'adapter' in input ? input.adapter : undefined;
      return unknownAdapter(registry, id);
    },
  });
  // The union's output is the registry's settings: each member is the schema of one of its descriptors.
  return union as unknown as z.ZodType<SettingsOfRegistry<R>, SettingsInputOfRegistry<R>>;
}

/** Builds the adapter the settings choose. */
export function createWmsAdapterFrom(registry: WmsRegistry, settings: WmsSettingsBase, deps: WmsDeps): WmsAdapter {
  return descriptorOf(registry, settings.adapter).create(settings, deps);
}

/** "Test connection" of a draft or saved configuration; an adapter built only for the test is closed after it. */
export async function testWmsConnection(registry: WmsRegistry, settings: WmsSettingsBase, deps: WmsDeps): Promise<CheckResult[]> {
  const descriptor = descriptorOf(registry, settings.adapter);
  if (descriptor.testConnection) return descriptor.testConnection(settings, deps);
  const adapter = descriptor.create(settings, deps);
  try {
    return await adapter.testConnection();
  } finally {
    await adapter.close().catch(() => undefined);
  }
}

export function secretsNeeded(registry: WmsRegistry, settings: WmsSettingsBase): WmsSecretNeed[] {
  return descriptorOf(registry, settings.adapter).secretsFor(settings);
}
