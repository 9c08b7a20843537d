export * from './counter-delta.js';
export * from './grid-factors.js';
export * from './fuel-factors.js';
export * from './local-day.js';
export * from './live-park-state.js';
