export * from './timeseries-store.js';
export * from './sqlite-store.js';
export * from './open-sqlite.js';
export * from './influx-store.js';
export * from './influx-v1-transport.js';
export * from './line-protocol.js';
export * from './open-store.js';
export * from './store.settings.js';
