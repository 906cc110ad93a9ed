// Random server faults for the double (#14 item 14): a share of requests answered with a plain HTTP 500 whose
// exceptionType is System.Exception (a fault, not a business refusal), as a real instance does under load. The error
// body shape {message, exceptionMessage, exceptionType, stackTrace} is Acumatica's (FACTS.md §6 [V]).

export interface RandomFaults {
  /** Share of matching requests answered with the fault, 0..1. */
  share: number;
  /** Only requests whose path starts with this (default: the contract API). */
  pathPrefix?: string;
  /** Do the work first, then answer the fault (a write whose answer is lost). */
  afterProcessing?: boolean;
  /** In [0,1): drawn per request; a parameter so runs are reproducible. */
  random: () => number;
}

export function plainServerFault(): { status: number; body: Record<string, unknown> } {
  return {
    status: 500,
    body: {
      message: 'An error has occurred.',
      exceptionMessage: 'Object reference not set to an instance of an object.',
      exceptionType: 'System.Exception',
      stackTrace: '   at PX.Api.ContractBased.EntityService.Put(...)',
    },
  };
}

export function faultApplies(f: RandomFaults | null, path: string): boolean {
  return f !== null && path.startsWith(f.pathPrefix ?? '/entity/Default') && f.random() < f.share;
}
