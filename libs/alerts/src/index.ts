export * from './alert-lifecycle.js';
export * from './describe.js';
export * from './live-figures.js';
export * from './park-alerts.js';
export * from './alert-list.js';
