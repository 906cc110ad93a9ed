export * from './order.js';
export * from './fulfillment.js';
export * from './states.js';
export * from './attention.js';
export * from './activity.js';
export * from './lifecycle.js';
