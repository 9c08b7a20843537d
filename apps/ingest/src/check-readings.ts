import {
  QUANTITIES_OF_ROLE,
  type AcceptedReading,
  type DecodedReading,
  type MeterTopology,
  type Quantity,
  type RejectedReading,
  type RejectionRule,
} from '@zeropark/contracts';
import type { GatewayAccount, ParkRegistry } from '@zeropark/registry';

export interface ReadingLimits {
  maxClockSkewMs: number;
  maxReadingAgeMs: number;
}

export interface CheckedReadings {
  accepted: AcceptedReading[];
  rejected: RejectedReading[];
}

/**
 * The registry's rules on readings that passed the payload schema: the meter must be one this
 * gateway reads, its quantities must fit what the meter is, its time must be plausible.
 */
export function checkReadings(
  readings: readonly DecodedReading[],
  account: GatewayAccount,
  registry: ParkRegistry,
  now: number,
  limits: ReadingLimits,
): CheckedReadings {
  const accepted: AcceptedReading[] = [];
  const rejected: RejectedReading[] = [];
  const refuse = (reading: DecodedReading, problem: Problem) =>
    rejected.push({ index: reading.index, meter: reading.meter, rule: problem.rule, reason: `readings[${reading.index}]: ${problem.reason}` });
  for (const reading of readings) {
    const meter = registry.meters.get(reading.meter);
    if (meter === undefined) {
      refuse(reading, { rule: 'unknown-meter', reason: `meter "${reading.meter}" is not in the registry of park "${account.parkId}"` });
      continue;
    }
    const problem = problemOf(reading, meter, account, now, limits);
    if (problem !== undefined) {
      refuse(reading, problem);
      continue;
    }
    accepted.push({ meter: meter.id, building: meter.building, role: meter.role, carrier: meter.carrier, ts: reading.ts, values: reading.values });
  }
  return { accepted, rejected };
}

type Problem = { rule: RejectionRule; reason: string };

function problemOf(reading: DecodedReading, meter: MeterTopology, account: GatewayAccount, now: number, limits: ReadingLimits): Problem | undefined {
  if (!account.meters.has(reading.meter)) {
    return { rule: 'meter-of-another-gateway', reason: `meter "${reading.meter}" is not read by gateway "${account.id}" in the registry` };
  }
  const allowed = QUANTITIES_OF_ROLE[meter.role];
  for (const quantity in reading.values) {
    if (!allowed.includes(quantity as Quantity)) {
      const foreign = (Object.keys(reading.values) as Quantity[]).filter((name) => !allowed.includes(name));
      return { rule: 'quantity-not-for-role', reason: `a ${meter.role} meter does not report ${foreign.join(', ')} (it may report ${allowed.join(', ')})` };
    }
  }
  // a rollover register never shows its modulus or more (docs/carbon-method.md, §1): such a value
  // is not what the registry says this meter is, and would be counted as a huge rollover
  if (meter.counter.onDecrease === 'rollover') {
    const { modulus } = meter.counter;
    const beyond = (Object.entries(reading.values) as [Quantity, number][]).find(([quantity, value]) => quantity !== 'power_kw' && (value >= modulus || value < 0));
    if (beyond !== undefined) {
      return { rule: 'counter-beyond-modulus', reason: `${beyond[0]} ${beyond[1]} is outside 0 ≤ value < ${modulus}, the range of this rollover counter (registry: counter.modulus)` };
    }
  }
  if (reading.ts > now + limits.maxClockSkewMs) {
    const at = new Date(reading.ts).toISOString();
    return { rule: 'timestamp-in-future', reason: `ts ${at} is ${Math.round((reading.ts - now) / 1000)} s in the future: is the gateway's clock set?` };
  }
  if (reading.ts < now - limits.maxReadingAgeMs) {
    const at = new Date(reading.ts).toISOString();
    return { rule: 'timestamp-too-old', reason: `ts ${at} is older than ${Math.round(limits.maxReadingAgeMs / 86_400_000)} days` };
  }
  return undefined;
}
