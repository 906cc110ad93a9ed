// Plausible, deterministic sample data: customers with real-looking ship-to addresses, a catalogue of stock items
// (InventoryID padded the way Acumatica pads it) and a few non-stock lines (freight, installation).
import type { AddressRec, ContactRec } from './model.js';

/** mulberry32: small, fast, reproducible. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

export interface Customer {
  CustomerID: string;
  contact: ContactRec;
  address: AddressRec;
  shipVia: string;
}

const c = (id: string, company: string, person: string, phone: string, line1: string, city: string, state: string, zip: string, country: string, shipVia: string): Customer => ({
  CustomerID: id,
  contact: { Attention: person, BusinessName: company, Email: `${person.split(' ')[0]?.toLowerCase()}@${company.toLowerCase().replace(/[^a-z]+/g, '')}.example`, Phone1: phone },
  address: { AddressLine1: line1, AddressLine2: '', City: city, State: state, PostalCode: zip, Country: country },
  shipVia,
});

export const customers: readonly Customer[] = [
  c('ABCSTUDIOS', 'ABC Studios Inc', 'Maria Lopez', '+1 (206) 555-0142', '1420 Western Ave', 'Seattle', 'WA', '98101', 'US', 'UPSGROUND'),
  c('COFFEESHOP', 'Eastside Coffee Shop', 'Daniel Kim', '+1 (425) 555-0188', '310 Bellevue Way NE', 'Bellevue', 'WA', '98004', 'US', 'FEDEXGROUND'),
  c('GOODFOOD', 'Good Food One Ltd', 'Priya Shah', '+1 (312) 555-0107', '233 S Wacker Dr Ste 400', 'Chicago', 'IL', '60606', 'US', 'UPSGROUND'),
  c('JUICYJUICE', 'Juicy Juice Bar', 'Tom Becker', '+1 (512) 555-0163', '1100 S Congress Ave', 'Austin', 'TX', '78704', 'US', 'USPSPRIORITY'),
  c('PORTLANDCC', 'Portland Cycle Co', 'Hannah Ortiz', '+1 (503) 555-0121', '845 NW 14th Ave', 'Portland', 'OR', '97209', 'US', 'UPS2DAY'),
  c('BAYMARKET', 'Bay Market Grocers', 'Kevin Nguyen', '+1 (415) 555-0199', '1 Ferry Building', 'San Francisco', 'CA', '94111', 'US', 'FEDEXGROUND'),
  c('MAPLEDEPOT', 'Maple Depot Ltd', 'Sophie Tremblay', '+1 (416) 555-0135', '100 King St W', 'Toronto', 'ON', 'M5X 1A9', 'CA', 'FEDEX2DAY'),
  c('HARBORHOME', 'Harbor Home Goods', 'James Walker', '+1 (617) 555-0176', '75 State St', 'Boston', 'MA', '02109', 'US', 'UPSGROUND'),
  c('DESERTOUT', 'Desert Outfitters', 'Ana Ruiz', '+1 (602) 555-0114', '2 N Central Ave', 'Phoenix', 'AZ', '85004', 'US', 'UPSGROUND'),
  c('PEAKSPORTS', 'Peak Sports Supply', 'Ethan Clark', '+1 (303) 555-0158', '1600 Glenarm Pl', 'Denver', 'CO', '80202', 'US', 'FEDEXGROUND'),
  c('LONDONLUX', 'London Luxe Retail Ltd', 'Oliver Hughes', '+44 20 7946 0321', '10 Regent Street', 'London', '', 'SW1Y 4PE', 'GB', 'DHLEXPRESS'),
  c('SUNCOAST', 'Suncoast Pharmacy', 'Grace Lee', '+1 (305) 555-0129', '200 S Biscayne Blvd', 'Miami', 'FL', '33131', 'US', 'UPS2DAY'),
  c('RIVERBOOKS', 'Riverside Books', 'Noah Patel', '+1 (612) 555-0183', '50 S 6th St', 'Minneapolis', 'MN', '55402', 'US', 'USPSPRIORITY'),
  c('METROOFFICE', 'Metro Office Supply', 'Chloe Martin', '+1 (212) 555-0191', '350 5th Ave', 'New York', 'NY', '10118', 'US', 'UPSGROUND'),
  c('GREENLEAF', 'Greenleaf Garden Center', 'Lucas Meyer', '+1 (919) 555-0140', '410 Fayetteville St', 'Raleigh', 'NC', '27601', 'US', 'FEDEXGROUND'),
  c('VANISLAND', 'Island Kitchen Supply', 'Emma Wilson', '+1 (250) 555-0117', '1001 Douglas St', 'Victoria', 'BC', 'V8W 2C5', 'CA', 'FEDEXGROUND'),
];

export interface Item {
  InventoryID: string;
  description: string;
  uom: string;
  price: number;
  lineType: 'Goods for Inventory' | 'Non-Inventory Goods' | 'Misc. Charge';
  alternateId?: string;
}

/** Acumatica pads InventoryID to the segment length with trailing spaces. */
export const pad = (id: string): string => id.padEnd(30, ' ');

export const stockItems: readonly Item[] = [
  { InventoryID: 'AACOMPUT01', description: 'Acer Laptop Computer 15"', uom: 'EA', price: 899, lineType: 'Goods for Inventory' },
  { InventoryID: 'AALEGO500', description: 'Lego 500 piece set', uom: 'EA', price: 39.99, lineType: 'Goods for Inventory', alternateId: 'LG-500' },
  { InventoryID: 'AAMACHINE1', description: 'Espresso Machine Deluxe', uom: 'EA', price: 649, lineType: 'Goods for Inventory' },
  { InventoryID: 'AAPOWERAID', description: 'Power Aid Sports Drink 12 pack', uom: 'PACK', price: 14.5, lineType: 'Goods for Inventory' },
  { InventoryID: 'APJAM08', description: 'Apple Jam 8 oz jar', uom: 'EA', price: 4.25, lineType: 'Goods for Inventory' },
  { InventoryID: 'APPLES', description: 'Fresh Apples, case', uom: 'CASE', price: 32, lineType: 'Goods for Inventory' },
  { InventoryID: 'BAG-PAPER-M', description: 'Paper bag medium, bundle of 100', uom: 'BNDL', price: 18, lineType: 'Goods for Inventory' },
  { InventoryID: 'CABLE-USBC-2M', description: 'USB-C cable 2 m', uom: 'EA', price: 9.99, lineType: 'Goods for Inventory', alternateId: 'UC2M' },
  { InventoryID: 'CHAIR-ERGO', description: 'Ergonomic office chair', uom: 'EA', price: 289, lineType: 'Goods for Inventory' },
  { InventoryID: 'COFFEE-BEAN-1KG', description: 'Whole coffee beans 1 kg', uom: 'BAG', price: 22, lineType: 'Goods for Inventory' },
  { InventoryID: 'CUP-CERAMIC', description: 'Ceramic cup 12 oz', uom: 'EA', price: 6.5, lineType: 'Goods for Inventory' },
  { InventoryID: 'DESK-STAND', description: 'Standing desk 60"', uom: 'EA', price: 540, lineType: 'Goods for Inventory' },
  { InventoryID: 'FILTER-PAPER', description: 'Coffee filter paper, box of 500', uom: 'BOX', price: 12, lineType: 'Goods for Inventory' },
  { InventoryID: 'GLOVES-NITR-L', description: 'Nitrile gloves large, box of 100', uom: 'BOX', price: 11.75, lineType: 'Goods for Inventory' },
  { InventoryID: 'HELMET-BIKE', description: 'Bike helmet, adult', uom: 'EA', price: 59, lineType: 'Goods for Inventory', alternateId: 'HB-ADULT' },
  { InventoryID: 'JUICER01', description: 'Cold press juicer', uom: 'EA', price: 219, lineType: 'Goods for Inventory' },
  { InventoryID: 'LAMP-DESK-LED', description: 'LED desk lamp', uom: 'EA', price: 45, lineType: 'Goods for Inventory' },
  { InventoryID: 'MUG-TRAVEL', description: 'Insulated travel mug', uom: 'EA', price: 24, lineType: 'Goods for Inventory' },
  { InventoryID: 'NOTEBOOK-A5', description: 'Notebook A5, pack of 5', uom: 'PACK', price: 15, lineType: 'Goods for Inventory' },
  { InventoryID: 'ORANGES', description: 'Oranges, case', uom: 'CASE', price: 28, lineType: 'Goods for Inventory' },
  { InventoryID: 'PEN-GEL-BLK', description: 'Gel pen black, box of 12', uom: 'BOX', price: 8.4, lineType: 'Goods for Inventory' },
  { InventoryID: 'SHELF-WIRE-48', description: 'Wire shelving unit 48"', uom: 'EA', price: 129, lineType: 'Goods for Inventory' },
  { InventoryID: 'TENT-2P', description: 'Two person tent', uom: 'EA', price: 179, lineType: 'Goods for Inventory' },
  { InventoryID: 'WATER-BTL-1L', description: 'Water bottle 1 l', uom: 'EA', price: 19, lineType: 'Goods for Inventory' },
];

export const nonStockItems: readonly Item[] = [
  { InventoryID: 'FREIGHT', description: 'Freight charge', uom: 'EA', price: 25, lineType: 'Misc. Charge' },
  { InventoryID: 'INSTALL', description: 'Installation service, per hour', uom: 'HOUR', price: 85, lineType: 'Misc. Charge' },
];
