/** Injection tokens of values that are not classes. */
export const CARBON_CONFIG = Symbol('CARBON_CONFIG');
export const PARKS = Symbol('PARKS');
export const LOGGER = Symbol('LOGGER');
export const CLOCK = Symbol('CLOCK');
export const STORE = Symbol('STORE');

/** Time is injected, so specs can drive it (docs/architecture.md, "Module boundaries"). */
export type Clock = () => number;
