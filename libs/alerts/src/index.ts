export * from './alert-lifecycle.js';
