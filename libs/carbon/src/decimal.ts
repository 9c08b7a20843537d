import { Decimal as DecimalJs } from 'decimal.js';

/**
 * Decimal arithmetic for the accounting (docs/carbon-method.md, §1: every difference and sum
 * in decimals, where binary floating point would show its rounding). Counter readings such as 183245.12 − 183244.99 are exact here, and sums of many
 * small intervals do not drift. 34 significant digits (IEEE 754 decimal128), ties to even.
 */
export const Decimal = DecimalJs.clone({ precision: 34, rounding: DecimalJs.ROUND_HALF_EVEN });
export type Decimal = InstanceType<typeof Decimal>;

export const ZERO = new Decimal(0);

/** A reading's number as the decimal it was written as (shortest round-trip form, not its binary value). */
export function dec(value: number | string): Decimal {
  return new Decimal(value);
}
