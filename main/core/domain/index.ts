export * from './order.js';
export * from './fulfillment.js';
export * from './states.js';
