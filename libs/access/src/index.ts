export * from './access-grant.js';
export * from './access-token.js';
