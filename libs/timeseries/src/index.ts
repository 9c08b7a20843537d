export * from './timeseries-store.js';
export * from './sqlite-store.js';
