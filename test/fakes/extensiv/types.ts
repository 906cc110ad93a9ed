// The Extensiv double's public surface: its options, fault injections, request log and the handle a test drives.
import type { ShipOptions, WireOrder } from './model.js';

export interface ExtensivDoubleOptions {
  clientId?: string;
  clientSecret?: string;
  userLogin?: string;
  /** The API user's numeric id (what `user_login_id` carries); default 4127. */
  userId?: number;
  /** When set, the token request must carry this tpl. */
  tpl?: string;
  tokenTtlSeconds?: number;
  customers?: { id: number; name: string; facilities: number[] }[];
  /** When set, order items with another SKU are refused (400 DoesNotExist). */
  knownSkus?: string[];
  rejectDuplicateReferenceNum?: boolean;
  /** The double's clock (ms); default Date.now. */
  now?: () => number;
}

export interface Injection {
  status: number;
  /** A string is sent as text/plain, anything else as JSON. */
  body?: unknown;
  headers?: Record<string, string>;
  method?: string;
  /** Substring of, or pattern for, the path (without query). */
  path?: string | RegExp;
  /** How many matching requests get it (default 1). */
  times?: number;
  /**
   * 'before' (default): the request is not handled. 'after': it IS handled (the order is created…) and then the
   * answer is replaced: an "outcome unknown" for the client. Status 0 drops the connection without any answer.
   */
  when?: 'before' | 'after';
}

export interface LoggedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string | undefined>;
  body: unknown;
  status: number;
}

export interface ExtensivDouble {
  url: string;
  /** userLoginId: the login name (sent as user_login); userId: the numeric user id (sent as user_login_id). */
  credentials: { clientId: string; clientSecret: string; userLoginId: string; userId: number; tpl?: string };
  /** The first customer and its first facility, as adapter settings fields. */
  settingsIds(): { customerId: number; facilityId: number };
  orders(): WireOrder[];
  ordersWithRef(ref: string): WireOrder[];
  shipOrder(refOrId: string | number, options?: ShipOptions): WireOrder;
  confirmOrder(refOrId: string | number, trackingNumber?: string): WireOrder;
  splitOrder(refOrId: string | number, parts: Record<string, number>[]): WireOrder[];
  closeWithoutShipping(refOrId: string | number): WireOrder;
  /** The warehouse edits the order in its own UI (billing code, notes, routing account…); the row version moves. */
  editOrder(refOrId: string | number, change: (order: WireOrder) => void): WireOrder;
  failNext(injection: Injection): void;
  expireTokens(): void;
  advanceTime(ms: number): void;
  requests: LoggedRequest[];
  /** Requests to the API (token requests left out), e.g. `apiRequests('POST', '/orders')`. */
  apiRequests(method?: string, path?: string): LoggedRequest[];
  tokensIssued(): number;
  close(): Promise<void>;
}
