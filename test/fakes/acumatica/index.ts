// The Acumatica test double and its helpers.
export { startAcumaticaDouble, type AcumaticaDouble, type AcumaticaDoubleOptions, type FailureRule, type LoggedRequest } from './server.js';
export type { SalesOrderRec, ShipmentRec, SalesOrderLineRec, PackageRec } from './model.js';
export { MemorySecretStore } from '../../helpers/secrets.js';
