// Redaction: log entries and error texts never carry a secret. Two nets: known secret values (registered by the
// SecretStore wrapper whenever a secret is read or saved) and shapes that are always secret (bearer tokens, fields
// named like passwords or tokens, form-encoded credentials).

const SECRET_KEY = /pass(word)?|secret|token|authorization|api[-_]?key|private[-_]?key|cookie/i;
const PATTERNS: [RegExp, string][] = [
  [/(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi, '$1 [redacted]'],
  [/((?:password|client_secret|refresh_token|access_token|secret|token)=)[^&\s"']+/gi, '$1[redacted]'],
  [/("(?:password|client_secret|clientSecret|refresh_token|access_token|sharedSecret|secret)"\s*:\s*")[^"]*"/gi, '$1[redacted]"'],
];

export class Redactor {
  private readonly values = new Set<string>();

  /** Remember a secret value so any later text containing it is masked. Very short values are not registered. */
  register(value: string | null | undefined): void {
    if (value && value.length >= 4) this.values.add(value);
  }

  text(input: string): string {
    let out = input;
    for (const v of this.values) if (out.includes(v)) out = out.split(v).join('[redacted]');
    for (const [re, replacement] of PATTERNS) out = out.replace(re, replacement);
    return out;
  }

  /** Deep copy with secret-named keys masked and every string passed through text(). */
  value(input: unknown, depth = 0): unknown {
    if (typeof input === 'string') return this.text(input);
    if (depth > 8 || input === null || typeof input !== 'object') return input;
    if (input instanceof Error) return { name: input.name, message: this.text(input.message) };
    if (Array.isArray(input)) return input.map((v) => this.value(v, depth + 1));
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(input)) {
      out[k] = SECRET_KEY.test(k) && v !== null && v !== undefined && v !== '' ? '[redacted]' : this.value(v, depth + 1);
    }
    return out;
  }
}

/** One redactor per process: the secret store registers into it, the logger and error output read from it. */
export const redactor = new Redactor();
