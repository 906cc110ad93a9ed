// The one schema of every non-secret setting: the common sections (sections.ts) and the `wms` section built from
// the warehouse adapter registry. The same schema validates the file on disk, the CLI and the contract's
// settings.save; a test that registers more adapters gets its schema from settingsSchemaOf(its registry).
// Node side only (the registry brings the adapters' code): the renderer and the contract use sections.ts.
import type { z } from 'zod';
import { builtInWmsAdapters, wmsSettingsSchemaOf, type WmsRegistry, type WmsSettings } from '../wms/registry.js';
import { settingsSchemaWith } from './sections.js';

export * from './sections.js';
export type { WmsSettings } from '../wms/registry.js';

export function settingsSchemaOf(registry: WmsRegistry) {
  return settingsSchemaWith(wmsSettingsSchemaOf(registry));
}

export const wmsSettingsSchema = wmsSettingsSchemaOf(builtInWmsAdapters);
export const settingsSchema = settingsSchemaWith(wmsSettingsSchema);

export type Settings = z.infer<typeof settingsSchema>;
/** What a settings file may hold before defaults are applied. */
export type SettingsInput = z.input<typeof settingsSchema>;

export const defaultSettings: Settings = settingsSchema.parse({});

/**
 * The `wms` section checked with a registry's schema, or its problems by field (paths inside the section). Typed as
 * the production settings: with a test's registry it may be another adapter, which code outside it never inspects.
 */
export function checkWmsSettings(registry: WmsRegistry, value: unknown): { settings: WmsSettings } | { fields: Record<string, string> } {
  const schema = registry === builtInWmsAdapters ? wmsSettingsSchema : wmsSettingsSchemaOf(registry);
  const parsed = schema.safeParse(value);
  if (parsed.success) return { settings: parsed.data as WmsSettings };
  const fields: Record<string, string> = {};
  for (const issue of parsed.error.issues) fields[issue.path.map(String).join('.') || 'adapter'] ??= issue.message;
  return { fields };
}
