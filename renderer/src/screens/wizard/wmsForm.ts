// The warehouse step's form: flat fields for the adapters that have a form of their own (file exchange, Extensiv),
// turned into their settings and validated with the adapter's own schema, its problems mapped back onto the fields
// the operator sees. Any other adapter of the core's registry (the demo warehouse, a new one) is chosen by its id
// and checked by the core when saved.
import type { FieldError, FieldErrors, Resolver } from 'react-hook-form';
import type { WmsSettings } from '../../../../main/core/settings/schema.js';
import { extensivSettingsSchema } from '../../../../main/core/wms/extensiv/settings.js';
import { fileExchangeSettingsSchema } from '../../../../main/core/wms/file-exchange/settings.js';

export interface WmsForm {
  /** The id of an adapter of the core's registry (SettingsView.wmsAdapters). */
  adapter: string;
  format: 'csv' | 'x12';
  transport: 'folder' | 'sftp';
  dir: string;
  host: string;
  port: string;
  sftpUser: string;
  root: string;
  auth: 'password' | 'key';
  sftpPassword: string;
  privateKey: string;
  baseUrl: string;
  exClientId: string;
  userLoginId: string;
  customerId: string;
  facilityId: string;
  tpl: string;
  clientSecret: string;
}

export function initialWmsForm(w: WmsSettings | undefined): WmsForm {
  const f: WmsForm = {
    adapter: w?.adapter ?? 'file',
    format: 'csv',
    transport: 'folder',
    dir: '',
    host: '',
    port: '22',
    sftpUser: '',
    root: '/',
    auth: 'password',
    sftpPassword: '',
    privateKey: '',
    baseUrl: 'https://secure-wms.com',
    exClientId: '',
    userLoginId: '',
    customerId: '',
    facilityId: '',
    tpl: '',
    clientSecret: '',
  };
  if (w?.adapter === 'file') {
    f.format = w.format;
    if (w.transport.kind === 'folder') f.dir = w.transport.dir;
    else {
      f.transport = 'sftp';
      f.host = w.transport.host;
      f.port = String(w.transport.port);
      f.sftpUser = w.transport.username;
      f.root = w.transport.root;
      f.auth = w.transport.auth;
    }
  } else if (w?.adapter === 'extensiv') {
    f.baseUrl = w.baseUrl;
    f.exClientId = w.clientId;
    f.userLoginId = w.userLoginId;
    f.customerId = String(w.customerId);
    f.facilityId = String(w.facilityId);
    f.tpl = w.tpl ?? '';
  }
  return f;
}

const FIELD_OF_PATH: Record<string, keyof WmsForm> = {
  'transport.dir': 'dir',
  'transport.host': 'host',
  'transport.port': 'port',
  'transport.username': 'sftpUser',
  'transport.root': 'root',
  baseUrl: 'baseUrl',
  clientId: 'exClientId',
  userLoginId: 'userLoginId',
  customerId: 'customerId',
  facilityId: 'facilityId',
  tpl: 'tpl',
};

function wholeNumber(text: string): number | null {
  return /^\s*\d+\s*$/.test(text) ? Number(text) : null;
}

/** Settings to send: an adapter's full settings, or (no form of its own) just its id for the core to complete. */
export type WmsDraft = WmsSettings | { adapter: string };

/** The settings the form describes (keeping advanced settings of the same adapter), or the problems per field. */
export function buildWms(v: WmsForm, existing: WmsSettings | undefined): { settings: WmsDraft } | { errors: Partial<Record<keyof WmsForm, string>> } {
  const errors: Partial<Record<keyof WmsForm, string>> = {};
  let candidate: unknown;
  if (v.adapter === 'file') {
    const keep = existing?.adapter === 'file' ? { stableForMs: existing.stableForMs, ...(existing.x12 ? { x12: existing.x12 } : {}) } : {};
    let transport: unknown;
    if (v.transport === 'folder') transport = { kind: 'folder', dir: v.dir.trim() };
    else {
      const port = wholeNumber(v.port);
      if (port === null) errors.port = 'Enter the port number, usually 22';
      transport = { kind: 'sftp', host: v.host.trim(), port: port ?? 22, username: v.sftpUser.trim(), root: v.root.trim() || '/', auth: v.auth };
    }
    candidate = { ...keep, adapter: 'file', format: v.format, transport };
  } else if (v.adapter === 'extensiv') {
    const keep = existing?.adapter === 'extensiv' ? { pageSize: existing.pageSize, routing: existing.routing } : {};
    const customerId = wholeNumber(v.customerId);
    const facilityId = wholeNumber(v.facilityId);
    if (!customerId) errors.customerId = 'Enter the Extensiv customer id (a number)';
    if (!facilityId) errors.facilityId = 'Enter the Extensiv facility id (a number)';
    candidate = {
      ...keep,
      adapter: 'extensiv',
      baseUrl: v.baseUrl.trim(),
      clientId: v.exClientId.trim(),
      userLoginId: v.userLoginId.trim(),
      customerId: customerId ?? 0,
      facilityId: facilityId ?? 0,
      ...(v.tpl.trim() ? { tpl: v.tpl.trim() } : {}),
    };
  } else {
    // No form of its own: the core validates it (and applies its defaults) when it is saved or tested.
    if (!v.adapter) return { errors: { adapter: 'Choose how DropStream talks to the warehouse' } };
    return { settings: existing?.adapter === v.adapter ? existing : { adapter: v.adapter } };
  }
  const schema = v.adapter === 'file' ? fileExchangeSettingsSchema : extensivSettingsSchema;
  const parsed = schema.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = FIELD_OF_PATH[issue.path.join('.')];
      if (field && !errors[field]) errors[field] = issue.message;
    }
    if (Object.keys(errors).length === 0) errors.adapter = parsed.error.issues[0]?.message ?? 'These settings are not valid';
  }
  if (Object.keys(errors).length > 0 || !parsed.success) return { errors };
  return { settings: parsed.data };
}

export function wmsResolver(existing: WmsSettings | undefined): Resolver<WmsForm> {
  return (values) => {
    const r = buildWms(values, existing);
    if ('settings' in r) return { values, errors: {} };
    const errors: Record<string, FieldError> = {};
    for (const [k, message] of Object.entries(r.errors)) errors[k] = { type: 'validate', message };
    return { values: {}, errors: errors as FieldErrors<WmsForm> };
  };
}
