// The result of one step of a "Test connection": worded for a warehouse operator.
export interface CheckResult {
  /** Short stable id, e.g. "reachable", "tls", "token", "endpoint", "read-sales-orders". */
  id: string;
  /** What was checked, e.g. "Instance reachable". */
  label: string;
  ok: boolean;
  /** On success a detail ("Endpoint Default 24.200.001"), on failure what to fix. */
  message: string;
  /** A step that could not run because an earlier one failed. */
  skipped?: boolean;
  /** A passed step with a caution the operator should read (e.g. an untested endpoint version). */
  warning?: string;
}

export function allPassed(results: CheckResult[]): boolean {
  return results.length > 0 && results.every((r) => r.ok);
}
