import type { BuildingFigure, ParkFigure, ParkSnapshot, Quantity, QuantityValues, ThresholdCondition } from '@zeropark/contracts';

/** The figures threshold rules watch, read off a park's live state at one instant. */
export interface LiveFigures {
  park: Readonly<Record<ParkFigure, number | null>>;
  buildings: ReadonlyMap<string, Readonly<Record<BuildingFigure, number | null>>>;
  /** Each meter's latest value of each quantity it reported. */
  meters: ReadonlyMap<string, QuantityValues>;
}

/**
 * The live figures of a park snapshot and its meters' latest values. The emissions rate is the
 * electricity consumed now at the intensity of the last five minutes:
 * kW × g/kWh ÷ 1000 = kg CO₂ per hour. Power that is not wholly live (docs/carbon-method.md,
 * §1 "Power now") is no figure at all: the snapshot sums only live meters, so a stale building
 * reads 0 kW there, and a `below` rule would fire on a gateway gone quiet, which its own
 * gateway-offline rule reports.
 */
export function liveFiguresOf(snapshot: ParkSnapshot, meters: ReadonlyMap<string, QuantityValues>): LiveFigures {
  const intensity = snapshot.intensityLast5MinGPerKwh;
  const parkLive = snapshot.powerFreshness.state === 'live';
  const power = (kw: number) => (parkLive ? kw : null);
  return {
    park: {
      'park.consumptionKw': power(snapshot.power.consumptionKw),
      'park.gridKw': power(snapshot.power.gridKw),
      'park.generationKw': power(snapshot.power.generationKw),
      'park.intensityGPerKwh': intensity,
      'park.intensityTodayGPerKwh': snapshot.today.intensityGPerKwh,
      'park.emissionsRateKgPerH': intensity === null || !parkLive ? null : (snapshot.power.consumptionKw * intensity) / 1000,
      'park.emissionsTodayKg': snapshot.today.emissionsLocationKg,
      'park.budgetUsedShare': snapshot.budget?.usedShare ?? null,
    },
    buildings: new Map(
      snapshot.buildings.map((building) => [
        building.buildingId,
        { 'building.powerKw': building.powerFreshness.state === 'live' ? building.powerKw : null, 'building.emissionsTodayKg': building.today.emissionsKg },
      ]),
    ),
    meters,
  };
}

/** The value a threshold watches; null when the park has none yet (no reading, nothing consumed). */
export function figureValue(figures: LiveFigures, condition: ThresholdCondition): number | null {
  const [scope, name] = condition.figure.split('.') as [string, string];
  if (scope === 'park') return figures.park[condition.figure as ParkFigure];
  if (scope === 'building') return figures.buildings.get(condition.building ?? '')?.[condition.figure as BuildingFigure] ?? null;
  return figures.meters.get(condition.meter ?? '')?.[name as Quantity] ?? null;
}
