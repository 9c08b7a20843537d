import type { EnergyContract } from '@zeropark/contracts';
import { dec, ZERO, type Decimal } from './decimal.js';

/**
 * Green-power contracts and certificates cover grid import in time order (GHG Protocol Scope 2
 * Guidance, market-based method): each minute's import draws on the contracts valid that day,
 * the earliest-starting first, until their volume is used up. Deterministic, so replaying the
 * same imports gives the same coverage, and restartable from the volumes left.
 */
export class ContractCoverage {
  readonly contracts: readonly EnergyContract[];

  constructor(contracts: readonly EnergyContract[]) {
    this.contracts = [...contracts].sort((a, b) => a.from.localeCompare(b.from));
  }

  /** Volumes of the contracts, in kWh, before anything was drawn. */
  fullVolumes(): Decimal[] {
    return this.contracts.map((contract) => dec(contract.kwh));
  }

  /**
   * Draws a minute's (or a day's) grid import from the volumes left, in place.
   * @returns the kWh covered and their emissions at the contracts' own factors
   */
  draw(day: string, importKwh: Decimal, left: Decimal[]): { coveredKwh: Decimal; contractKg: Decimal; drawn: Decimal[] } {
    let wanted = importKwh;
    let coveredKwh = ZERO;
    let contractKg = ZERO;
    const drawn = this.contracts.map(() => ZERO);
    this.contracts.forEach((contract, index) => {
      const available = left[index] ?? ZERO;
      if (!wanted.greaterThan(0) || !available.greaterThan(0) || day < contract.from || day > contract.to) return;
      const take = available.lessThan(wanted) ? available : wanted;
      left[index] = available.minus(take);
      drawn[index] = take;
      wanted = wanted.minus(take);
      coveredKwh = coveredKwh.plus(take);
      contractKg = contractKg.plus(take.times(dec(contract.kgCo2PerKwh)));
    });
    return { coveredKwh, contractKg, drawn };
  }
}
