// The ONE list of the HTTP 500 answers Acumatica gives when it refuses a request on business grounds (#14 item 14).
// Acumatica answers 500 both for refusals and for faults; everything not recognised here is taken as a fault and
// retried with backoff (a write then looks before it creates again), so an unknown answer never fails a step that
// would have gone through on the next try. Evidence for each entry is next to it.

/** exceptionType values that mean "the business logic refused this" (the step fails with the server's words). */
const refusalTypes: { type: RegExp; evidence: string }[] = [
  {
    // PXException is the base of the graph's validation errors ("Inventory item X is inactive."); its subclasses
    // below are the usual ones a save raises. Error body shape {message, exceptionMessage, exceptionType, stackTrace}:
    // Acumatica's REST API reference and /work/shared/acumatica/FACTS.md §6 [V].
    type: /^PX\.Data\.PXException$/,
    evidence: 'Base exception of Acumatica business logic (PX.Data); FACTS.md §6: "500 for many business errors".',
  },
  {
    type: /^PX\.Data\.PXSetPropertyException(`\d+)?$/,
    evidence: 'Raised by field validation (FieldVerifying/RowPersisting) with the field\'s error text, e.g. "Ship Via \'X\' cannot be found".',
  },
  {
    type: /^PX\.Data\.PXRowPersistingException$/,
    evidence: 'Raised when a record cannot be saved because a required field is empty or invalid ("\'Warehouse\' cannot be empty.").',
  },
  {
    type: /^PX\.Data\.PXOuterException$/,
    evidence: 'Wraps the row errors of a save ("Error: Inserting \'Shipment\' record raised at least one error."); seen in field reports for PUT /Shipment.',
  },
  {
    type: /^PX\.Data\.PXActionDisabledException$/,
    evidence: 'An action that is not available in the record\'s state, e.g. ConfirmShipment on a shipment already confirmed.',
  },
  {
    type: /^PX\.Objects\.[\w.]+Exception$/,
    evidence: 'Module-specific business exceptions (PX.Objects.SO, PX.Objects.IN …) thrown by the shipment graph logic.',
  },
];

/**
 * Words that make a 500 transient whatever its type: the record lock of a concurrent save (PXLockViolationException:
 * "Another process has updated the 'SOShipment' record. Your changes will be lost." — also "added"/"deleted"), the
 * licence's API login limit ("API Login Limit"), a request that met an action still running on its session ("The
 * previous operation has not been completed yet.", FACTS.md §2: while an action runs, other requests of the same
 * session fail), and database/transport faults.
 */
const transientWords = /another process has (updated|added|deleted)|login limit|previous operation has not been completed|timeout|deadlock|transport-level|try again/i;
const transientTypes = /LockViolation|Timeout|SqlException|LoginLimit/i;

/** A GET by key that finds nothing: an answer, not a refusal and not a fault (FACTS.md §6 [F]). */
const noEntityType = 'PX.Api.ContractBased.NoEntitySatisfiesTheConditionException';

/**
 * The server's refusal of a list query it cannot serve by its optimized export (contract version 3 and later answer
 * this instead of running a slow query; body as reported in Acumatica/AcumaticaRESTAPIClientForCSharp issue #12). It is
 * an answer about the query, not a fault: asking again gets the same refusal, so the importer switches to reading keys
 * first (list-pages.ts) instead of retrying.
 */
const cannotOptimize = { type: /CannotOptimizeException/, text: /Optimization cannot be performed/i };

export type FiveHundred = 'refusal' | 'no-entity' | 'transient';

export function classifyFiveHundred(method: string, exceptionType: string | undefined, text: string | undefined): FiveHundred {
  if (exceptionType === noEntityType || /no entity satisfies the condition/i.test(text ?? '')) return 'no-entity';
  if (cannotOptimize.type.test(exceptionType ?? '') || cannotOptimize.text.test(text ?? '')) return 'refusal';
  if (transientWords.test(text ?? '') || transientTypes.test(exceptionType ?? '')) return 'transient';
  // A read changes nothing, so the server cannot refuse it on business grounds: a 500 to a GET is a fault.
  if (method === 'GET') return 'transient';
  if (exceptionType && refusalTypes.some((r) => r.type.test(exceptionType))) return 'refusal';
  return 'transient';
}
