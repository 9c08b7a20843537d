export * from './park-registry.js';
export * from './parse-registry.js';
export * from './load-registry.js';
export * from './registry-error.js';
export * from './registry-file.schema.js';
export * from './secret-hash.js';
export * from './alerting.js';
