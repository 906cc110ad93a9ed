// Path hygiene for the exchange root: every name that reaches the file system goes through here.
import { randomBytes } from 'node:crypto';
import { AppError } from '../../../errors.js';
import { TEMP_PREFIX } from './transport.js';

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

/** Throws unless `name` is one plain file or folder name (no separators, no '..', no NUL or control characters). */
export function assertSafeName(name: string): string {
  if (
    name.length === 0 ||
    name.length > 255 ||
    name === '.' ||
    name === '..' ||
    name.includes('/') ||
    name.includes('\\') ||
    CONTROL.test(name)
  ) {
    throw new AppError('invalid-input', `Refused the file name ${JSON.stringify(name)}: it must be a plain name inside the exchange folder.`);
  }
  return name;
}

/** Joins checked names into a root-relative path ("out/archive/shp_1.csv"). */
export function exchangePath(...names: string[]): string {
  return names.map(assertSafeName).join('/');
}

/** Turns outside text (an order ref) into a file-name fragment: letters, digits, '-' and '_' only, at most 80. */
export function fileNamePart(text: string): string {
  const cleaned = text.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 80);
  return cleaned.length > 0 ? cleaned : '_';
}

/** The temporary name written before the rename into `name`. */
export function tempNameFor(name: string): string {
  return `${TEMP_PREFIX}${randomBytes(6).toString('hex')}-${name}`.slice(0, 255);
}

/** `shp_1.csv`, then `shp_1_2.csv`, `shp_1_3.csv` …, up to a bound. */
export function* nameCandidates(name: string): Generator<string> {
  const dot = name.lastIndexOf('.');
  const base = dot > 0 ? name.slice(0, dot) : name;
  const ext = dot > 0 ? name.slice(dot) : '';
  for (let n = 1; n < 10_000; n++) yield n === 1 ? name : `${base}_${n}${ext}`;
}

export function noFreeName(name: string): AppError {
  return new AppError('storage', `No free name for ${name}: clean up the folder.`);
}

/** The first of `nameCandidates(name)` for which `taken` is false. */
export async function freeName(name: string, taken: (candidate: string) => Promise<boolean>): Promise<string> {
  for (const candidate of nameCandidates(name)) if (!(await taken(candidate))) return candidate;
  throw noFreeName(name);
}

/** Splits "out/archive/x.csv" into its folder ("out/archive") and name ("x.csv"). */
export function splitPath(path: string): { dir: string; name: string } {
  const i = path.lastIndexOf('/');
  return i < 0 ? { dir: '', name: path } : { dir: path.slice(0, i), name: path.slice(i + 1) };
}
