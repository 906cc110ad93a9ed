// The Extensiv double's order book: orders kept in the API's camelCase wire shape, a row version per order (the
// ETag), and the warehouse-side transitions a test drives (ship with packages, confirm, split into -1/-2 parts,
// close without shipping). Shapes follow /work/shared/extensiv/FACTS.md §3-§6.

export interface WireItem {
  readOnly: { orderItemId: number; allocations?: WireAllocation[]; [k: string]: unknown };
  itemIdentifier: { sku: string; [k: string]: unknown };
  qty: number;
  qualifier?: string;
  [k: string]: unknown;
}

/** readOnly.allocations[] of an order item; `detail` only with itemdetail=AllocationsWithDetail (orders/order rel). */
export interface WireAllocation {
  receiveItemId: number;
  qty: number;
  detail: { itemTraits: { itemIdentifier: { sku: string }; qualifier: string; lotNumber: string; serialNumber: string; expirationDate: string | null } };
}

export interface WirePackageContent {
  packageContentId: number;
  packageId: number;
  orderItemId: number;
  qty: number;
  /** package_content_info (Airbyte schema, tap-3plcentral sample): lotNumber, serialNumber, serialNumbers[]. */
  lotNumber?: string;
  serialNumber?: string;
  serialNumbers?: string[];
}

export interface WirePackage {
  packageId: number;
  packageDefIdentifier?: { id: number; name: string };
  length: number;
  width: number;
  height: number;
  weight: number;
  trackingNumber: string;
  /**
   * The SSCC-18, kept here as its digits; on the wire it is a JSON integer (Airbyte package_info.json types Ucc128
   * integer, tap-3plcentral's samples send "ucc128": 1), written out digit for digit by the double.
   */
  ucc128?: string;
  packageContents: WirePackageContent[];
}

export interface WireOrder {
  readOnly: {
    orderId: number;
    status: 0 | 1 | 2;
    isClosed: boolean;
    fullyAllocated: boolean;
    creationDate: string;
    lastModifiedDate: string;
    processDate?: string;
    customerIdentifier: { id: number };
    facilityIdentifier: { id: number };
    packages: WirePackage[];
  };
  referenceNum: string;
  poNum?: string;
  notes?: string;
  shippingNotes?: string;
  routingInfo?: { carrier?: string; mode?: string; scacCode?: string; trackingNumber?: string; [k: string]: unknown };
  shipTo?: Record<string, unknown>;
  orderItems: WireItem[];
  [k: string]: unknown;
}

/** The writable part of an order, as POST /orders takes it. */
export interface CreateInput {
  referenceNum: string;
  orderItems: { itemIdentifier: { sku: string }; qty: number; qualifier?: string }[];
  [k: string]: unknown;
}

export interface StoredOrder {
  rowVersion: number;
  order: WireOrder;
}

export interface ShipPackage {
  tracking?: string;
  weight?: number;
  length?: number;
  width?: number;
  height?: number;
  packageType?: string;
  /** SSCC-18 digits for the package's ucc128. */
  ucc128?: string;
  /** SKU -> quantity in this package, or the quantity with its lot / serial numbers (one serial per unit). */
  contents: Record<string, number | ShipContent | ShipContent[]>;
}

export interface ShipContent {
  qty: number;
  lotNumber?: string;
  serialNumbers?: string[];
}

/** Whether shipped lots/serials show in package contents, in item allocations (with itemdetail), or both. */
export type LotReporting = 'packages' | 'allocations' | 'both';

export interface ShipOptions {
  /** Packages; when omitted, the order is confirmed without package detail. */
  packages?: ShipPackage[];
  carrier?: string;
  mode?: string;
  /** Order-level tracking (routingInfo.trackingNumber). */
  trackingNumber?: string;
  /** routingInfo.scacCode as the warehouse records it. */
  scacCode?: string;
  /** Where lot/serial numbers of the contents are reported (default 'both'). */
  lotReporting?: LotReporting;
}

/** Dates as Extensiv writes them: no offset. */
export function naive(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19);
}

export function etagOf(rowVersion: number): string {
  const buf = Buffer.alloc(8);
  buf.writeBigUInt64BE(BigInt(rowVersion));
  return `"${buf.toString('base64')}"`;
}

export class OrderBook {
  readonly orders = new Map<number, StoredOrder>();
  private nextOrderId = 41001;
  private nextItemId = 701;
  private nextPackageId = 9001;
  private nextContentId = 50001;
  private rowVersion = 760_000;

  constructor(private readonly now: () => number) {}

  private touch(s: StoredOrder): void {
    s.rowVersion = ++this.rowVersion;
    s.order.readOnly.lastModifiedDate = naive(this.now());
  }

  newItemId(): number {
    return this.nextItemId++;
  }

  create(body: CreateInput, customerId: number, facilityId: number): StoredOrder {
    const now = naive(this.now());
    const order: WireOrder = {
      ...body,
      readOnly: {
        orderId: this.nextOrderId++,
        status: 0,
        isClosed: false,
        fullyAllocated: false,
        creationDate: now,
        lastModifiedDate: now,
        customerIdentifier: { id: customerId },
        facilityIdentifier: { id: facilityId },
        packages: [],
      },
      orderItems: body.orderItems.map((i) => ({ ...i, readOnly: { orderItemId: this.newItemId() } })),
    };
    const stored: StoredOrder = { rowVersion: ++this.rowVersion, order };
    this.orders.set(order.readOnly.orderId, stored);
    return stored;
  }

  update(s: StoredOrder, change: (o: WireOrder) => void): void {
    change(s.order);
    this.touch(s);
  }

  /** By Extensiv order id, or by referenceNum (the first one not cancelled, else any). */
  find(refOrId: string | number): StoredOrder {
    if (typeof refOrId === 'number') {
      const s = this.orders.get(refOrId);
      if (!s) throw new Error(`Extensiv double: no order ${refOrId}`);
      return s;
    }
    const all = [...this.orders.values()].filter((s) => s.order.referenceNum === refOrId);
    const s = all.find((x) => x.order.readOnly.status !== 2) ?? all[0];
    if (!s) throw new Error(`Extensiv double: no order with referenceNum ${refOrId}`);
    return s;
  }

  ship(refOrId: string | number, options: ShipOptions = {}): StoredOrder {
    const s = this.find(refOrId);
    if (s.order.readOnly.isClosed) throw new Error(`Extensiv double: order ${s.order.readOnly.orderId} is closed already`);
    const itemOf = (sku: string): WireItem => {
      const item = s.order.orderItems.find((i) => i.itemIdentifier.sku.toLowerCase() === sku.toLowerCase());
      if (!item) throw new Error(`Extensiv double: order ${s.order.readOnly.orderId} has no item ${sku}`);
      return item;
    };
    const reporting = options.lotReporting ?? 'both';
    let receiveItemId = 30001;
    // The warehouse allocated from received inventory: one allocation per lot, or per serial number (qty 1 each).
    const recordAllocation = (item: WireItem, qty: number, lotNumber: string, serials: string[]): void => {
      const traits = (serialNumber: string) => ({ itemIdentifier: { sku: item.itemIdentifier.sku }, qualifier: item.qualifier ?? '', lotNumber, serialNumber, expirationDate: null });
      const list = (item.readOnly.allocations ??= []);
      if (serials.length) for (const sn of serials) list.push({ receiveItemId: receiveItemId++, qty: 1, detail: { itemTraits: traits(sn) } });
      else list.push({ receiveItemId: receiveItemId++, qty, detail: { itemTraits: traits('') } });
    };
    this.update(s, (o) => {
      o.readOnly.packages = (options.packages ?? []).map((p) => {
        const packageId = this.nextPackageId++;
        return {
          packageId,
          ...(p.packageType ? { packageDefIdentifier: { id: 1, name: p.packageType } } : {}),
          length: p.length ?? 0,
          width: p.width ?? 0,
          height: p.height ?? 0,
          weight: p.weight ?? 0,
          trackingNumber: p.tracking ?? '',
          ...(p.ucc128 ? { ucc128: p.ucc128 } : {}),
          packageContents: Object.entries(p.contents).flatMap(([sku, c]) =>
            (typeof c === 'number' ? [{ qty: c }] : Array.isArray(c) ? c : [c]).map((part) => {
              const item = itemOf(sku);
              const lot = part.lotNumber ?? '';
              const serials = part.serialNumbers ?? [];
              if (lot || serials.length) recordAllocation(item, part.qty, lot, serials);
              const traced = reporting !== 'allocations';
              return {
                packageContentId: this.nextContentId++,
                packageId,
                orderItemId: item.readOnly.orderItemId,
                qty: part.qty,
                ...(traced && lot ? { lotNumber: lot } : {}),
                ...(traced && serials.length ? { serialNumber: serials[0], serialNumbers: serials } : {}),
              };
            }),
          ),
        };
      });
      if (reporting === 'packages') for (const i of o.orderItems) delete i.readOnly.allocations;
      o.routingInfo = {
        ...o.routingInfo,
        ...(options.carrier ? { carrier: options.carrier } : {}),
        ...(options.mode ? { mode: options.mode } : {}),
        ...(options.scacCode ? { scacCode: options.scacCode } : {}),
        trackingNumber: options.trackingNumber ?? options.packages?.[0]?.tracking ?? o.routingInfo?.trackingNumber ?? '',
      };
      o.readOnly.status = 1;
      o.readOnly.isClosed = true;
      o.readOnly.fullyAllocated = true;
      o.readOnly.processDate = naive(this.now());
    });
    return s;
  }

  cancel(s: StoredOrder): void {
    this.update(s, (o) => {
      o.readOnly.status = 2;
      o.readOnly.isClosed = true;
    });
  }

  /**
   * The warehouse splits an order: the original becomes "<ref>-1" with the first part's items, every further part
   * a new order "<ref>-2", "<ref>-3"… Each part is SKU -> quantity.
   */
  split(refOrId: string | number, parts: Record<string, number>[]): StoredOrder[] {
    const s = this.find(refOrId);
    if (s.order.readOnly.isClosed) throw new Error(`Extensiv double: order ${s.order.readOnly.orderId} is closed and cannot be split`);
    const ref = s.order.referenceNum;
    const original = structuredClone(s.order);
    const itemsFor = (part: Record<string, number>, keepIds: boolean): WireItem[] =>
      Object.entries(part).map(([sku, qty]) => {
        const from = original.orderItems.find((i) => i.itemIdentifier.sku.toLowerCase() === sku.toLowerCase());
        if (!from) throw new Error(`Extensiv double: order ${ref} has no item ${sku}`);
        return { ...from, qty, readOnly: { orderItemId: keepIds ? from.readOnly.orderItemId : this.newItemId() } };
      });
    const out: StoredOrder[] = [];
    parts.forEach((part, i) => {
      if (i === 0) {
        this.update(s, (o) => {
          o.referenceNum = `${ref}-1`;
          o.orderItems = itemsFor(part, true);
        });
        out.push(s);
      } else {
        const { readOnly: _ro, orderItems: _items, ...rest } = original;
        const created = this.create({ ...rest, referenceNum: `${ref}-${i + 1}`, orderItems: [] }, original.readOnly.customerIdentifier.id, original.readOnly.facilityIdentifier.id);
        created.order.orderItems = itemsFor(part, false);
        out.push(created);
      }
    });
    return out;
  }
}
