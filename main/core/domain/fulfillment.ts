// What the warehouse reports when it ships: the same shape whatever WMS or file format it came from.

/** A lot or serial number the warehouse reports for part of a line (Acumatica LotSerialNbr). */
export interface LotSerialQuantity {
  lotSerialNbr: string;
  quantity: number;
}

export interface PackageContent {
  lineRef: string;
  sku: string;
  quantity: number;
  /**
   * Lot/serial number of what is in this box, when the warehouse reports it. Absent or empty for untracked items
   * (Acumatica matches package contents to shipment splits by LotSerialNbr, "" for untracked).
   */
  lotSerialNbr?: string;
}

export interface Package {
  /** The warehouse's own carton id (file column box_id). */
  boxId: string;
  trackingNumber: string;
  /** The warehouse's package type, mapped to an Acumatica BoxID at write-back. Empty when not given. */
  packageType: string;
  weight: number | null;
  weightUom: string;
  length: number | null;
  width: number | null;
  height: number | null;
  dimensionUom: string;
  contents: PackageContent[];
}

export interface FulfillmentLine {
  lineRef: string;
  sku: string;
  /** Quantity shipped in this fulfillment, in the order line's UOM. */
  quantity: number;
  /**
   * Lot/serial numbers shipped for this line with their quantities, when the warehouse reports them (CSV
   * `lot_serial`, X12 945 W12-09 or N9*LT / N9*SE, Extensiv allocations). Absent when not reported.
   */
  lotSerials?: LotSerialQuantity[];
}

export interface Fulfillment {
  /**
   * Stable identity of this shipment at the WMS (file name + order, 945 control numbers, Extensiv order id…).
   * Seeing the same id twice never posts twice.
   */
  id: string;
  orderRef: string;
  /** ISO date (YYYY-MM-DD). */
  shipDate: string;
  /** The carrier as the warehouse reports it: its SCAC when it gives one, else its name. */
  carrier: string;
  /**
   * Other names the warehouse gave for the same carrier (e.g. the name "UPS" when `carrier` is the SCAC "UPSN"), so
   * a Ship Via mapping keyed by either matches. Absent when the warehouse gives only one.
   */
  carrierAlternates?: string[];
  service: string;
  packages: Package[];
  /** Per-line shipped quantities; when the WMS gives only package contents, the sum of them. */
  lines: FulfillmentLine[];
}

/** Per package, the key that must never be posted twice to Acumatica. */
export function packageKey(orderRef: string, pkg: Pick<Package, 'trackingNumber' | 'boxId'>): string {
  return `${orderRef}\u0000${pkg.trackingNumber}\u0000${pkg.boxId}`;
}

/** Sum of package contents per line, used when a WMS reports only packages. */
export function linesFromPackages(packages: Package[]): FulfillmentLine[] {
  const byLine = new Map<string, FulfillmentLine>();
  for (const pkg of packages) {
    for (const c of pkg.contents) {
      let line = byLine.get(c.lineRef);
      if (line) line.quantity += c.quantity;
      else byLine.set(c.lineRef, (line = { lineRef: c.lineRef, sku: c.sku, quantity: c.quantity }));
      if (c.lotSerialNbr) addLotSerial(line, c.lotSerialNbr, c.quantity);
    }
  }
  return [...byLine.values()];
}

function addLotSerial(line: FulfillmentLine, lotSerialNbr: string, quantity: number): void {
  const lots = (line.lotSerials ??= []);
  const seen = lots.find((l) => l.lotSerialNbr === lotSerialNbr);
  if (seen) seen.quantity += quantity;
  else lots.push({ lotSerialNbr, quantity });
}
