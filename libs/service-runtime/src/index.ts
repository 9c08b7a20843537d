export * from './run-service.js';
export * from './retry-backoff.js';
