export * from './run-service.js';
export * from './retry-backoff.js';
export * from './node-flags.js';
export * from './read-command-line.js';
export * from './token-bucket.js';
export * from './metrics-access.js';
