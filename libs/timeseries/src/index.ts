export * from './timeseries-store.js';
export * from './sqlite-store.js';
export * from './open-sqlite.js';
