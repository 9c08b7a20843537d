import { GRID_REGIONS } from '@zeropark/carbon';
import { CARRIER_OF_ROLE, DEFAULT_METER_EVERY_MS, describeIssues, formatPath, type MeterTopology } from '@zeropark/contracts';
import { isMap, isScalar, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { z } from 'zod';
import { alertingProblems, toAlerting } from './alerting.js';
import type { GatewayAccount, ParkRegistry } from './park-registry.js';
import { RegistryError, type RegistryProblem } from './registry-error.js';
import { registryFileSchema, type RegistryFile } from './registry-file.schema.js';

/**
 * Reads one park's registry from YAML text. Every problem is collected before failing, each
 * with its file, line, column, path and reason, so one run shows all there is to fix.
 */
export function parseRegistry(text: string, file: string): ParkRegistry {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const place = placer(document, lineCounter, file);

  if (document.errors.length > 0) {
    throw new RegistryError(
      document.errors.map((error) => ({ ...lineAndColumn(lineCounter, error.pos[0]), file, path: '', reason: `YAML: ${error.message.split('\n')[0]}` })),
    );
  }
  const parsed = registryFileSchema.safeParse(document.toJS());
  if (!parsed.success) throw new RegistryError(schemaProblems(parsed.error, place));

  const problems = crossCheck(parsed.data, place);
  if (problems.length > 0) throw new RegistryError(problems);
  return toRegistry(parsed.data);
}

type Placer = (path: readonly PropertyKey[], reason: string, atKey?: string) => RegistryProblem;

function placer(document: Document, lineCounter: LineCounter, file: string): Placer {
  return (path, reason, atKey) => {
    let node = document.getIn(path as unknown[], true) as Node | undefined;
    if (atKey !== undefined && isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && item.key.value === atKey);
      node = (pair?.key as Node | undefined) ?? node;
    }
    for (let depth = path.length - 1; node?.range === undefined && depth >= 0; depth -= 1) {
      node = document.getIn(path.slice(0, depth) as unknown[], true) as Node | undefined;
    }
    const offset = node?.range?.[0];
    return { file, ...(offset === undefined ? {} : lineAndColumn(lineCounter, offset)), path: formatPath(path), reason };
  };
}

function lineAndColumn(lineCounter: LineCounter, offset: number): { line: number; column: number } {
  const { line, col } = lineCounter.linePos(offset);
  return { line, column: col };
}

function schemaProblems(error: z.ZodError, place: Placer): RegistryProblem[] {
  return error.issues.flatMap((issue) => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => place(issue.path, `unknown field "${key}" (a typo?)`, key));
    }
    const [line = ''] = describeIssues({ issues: [issue] } as z.ZodError);
    const reason = issue.path.length === 0 ? line : line.slice(formatPath(issue.path).length + 2);
    return [place(issue.path, reason)];
  });
}

function crossCheck(registry: RegistryFile, place: Placer): RegistryProblem[] {
  const problems: RegistryProblem[] = [];
  if (!GRID_REGIONS.includes(registry.park.gridRegion)) {
    problems.push(place(['park', 'gridRegion'], `no grid factor for region "${registry.park.gridRegion}"; known: ${GRID_REGIONS.join(', ')}`));
  }
  const duplicates = (ids: string[], section: string): void => {
    const seen = new Set<string>();
    ids.forEach((id, index) => {
      if (seen.has(id)) problems.push(place([section, index, 'id'], `"${id}" is used twice in ${section}`));
      seen.add(id);
    });
  };
  duplicates(registry.buildings.map((building) => building.id), 'buildings');
  duplicates(registry.meters.map((meter) => meter.id), 'meters');
  duplicates(registry.gateways.map((gateway) => gateway.id), 'gateways');

  const buildings = new Set(registry.buildings.map((building) => building.id));
  registry.meters.forEach((meter, index) => {
    if (meter.building !== undefined && !buildings.has(meter.building)) {
      problems.push(place(['meters', index, 'building'], `no building "${meter.building}" in buildings`));
    }
    if (meter.building === undefined && meter.role !== 'grid_import' && meter.role !== 'pv' && meter.role !== 'battery') {
      problems.push(place(['meters', index], `a ${meter.role} meter must name its building`));
    }
    const carrier = CARRIER_OF_ROLE[meter.role];
    if (meter.carrier !== undefined && meter.carrier !== carrier) {
      problems.push(place(['meters', index, 'carrier'], `a ${meter.role} meter measures ${carrier}, not ${meter.carrier}`));
    }
  });

  duplicates((registry.contracts ?? []).map((contract) => contract.id), 'contracts');
  (registry.contracts ?? []).forEach((contract, index) => {
    if (contract.to < contract.from) problems.push(place(['contracts', index, 'to'], `ends (${contract.to}) before it starts (${contract.from})`));
  });
  const once = (values: number[], path: string, what: string): void => {
    const seen = new Set<number>();
    values.forEach((value, index) => {
      if (seen.has(value)) problems.push(place(['factors', path, index], `${what} ${value} is given twice`));
      seen.add(value);
    });
  };
  once((registry.factors?.grid ?? []).map((entry) => entry.year), 'grid', 'year');
  once((registry.factors?.hourly ?? []).map((entry) => entry.hour), 'hourly', 'hour');

  const meters = new Set(registry.meters.map((meter) => meter.id));
  const readBy = new Map<string, string>();
  registry.gateways.forEach((gateway, gatewayIndex) => {
    gateway.meters.forEach((meter, meterIndex) => {
      const where = ['gateways', gatewayIndex, 'meters', meterIndex];
      if (!meters.has(meter)) problems.push(place(where, `no meter "${meter}" in meters`));
      const other = readBy.get(meter);
      if (other !== undefined) problems.push(place(where, `meter "${meter}" is already read by gateway "${other}": it would be counted twice`));
      readBy.set(meter, gateway.id);
    });
  });
  registry.meters.forEach((meter, index) => {
    if (!readBy.has(meter.id)) problems.push(place(['meters', index, 'id'], `meter "${meter.id}" is read by no gateway`));
  });
  for (const problem of alertingProblems(registry)) problems.push(place(problem.path, problem.reason));
  return problems;
}

function toRegistry(registry: RegistryFile): ParkRegistry {
  const gatewayOf = new Map(registry.gateways.flatMap((gateway) => gateway.meters.map((meter) => [meter, gateway.id] as const)));
  const meters: MeterTopology[] = registry.meters.map((meter) => ({
    id: meter.id,
    role: meter.role,
    carrier: CARRIER_OF_ROLE[meter.role],
    building: meter.building ?? null,
    ratedPowerKw: meter.ratedPowerKw ?? null,
    counter: meter.counter ?? { onDecrease: 'reset' },
    gateway: gatewayOf.get(meter.id) ?? '',
    everyMs: meter.every ?? registry.park.meterEvery ?? DEFAULT_METER_EVERY_MS,
  }));
  const { factors } = registry;
  const gateways = new Map<string, GatewayAccount>(
    registry.gateways.map((gateway) => [
      gateway.id,
      { id: gateway.id, parkId: registry.park.id, secretHash: gateway.secretHash, meters: new Set(gateway.meters) },
    ]),
  );
  return {
    topology: {
      park: { id: registry.park.id, name: registry.park.name, timezone: registry.park.timezone, gridRegion: registry.park.gridRegion },
      buildings: registry.buildings.map((b) => ({ ...b })),
      meters,
      accounting: {
        factorsVersion: factors?.version ?? null,
        gridFactors: factors?.grid ?? [],
        hourlyGridFactors: factors?.hourly ?? [],
        naturalGasKgCo2PerM3: factors?.naturalGasKgCo2PerM3 ?? null,
        dieselKgCo2PerKg: factors?.dieselKgCo2PerKg ?? null,
        dieselDensityKgPerL: factors?.dieselDensityKgPerL ?? null,
        heatKgCo2PerGj: factors?.heatKgCo2PerGj ?? null,
        contracts: (registry.contracts ?? []).map((contract) => ({ ...contract })),
        yearlyBudgetTCo2: registry.park.yearlyBudgetTCo2 ?? null,
      },
    },
    gateways,
    meters: new Map(meters.map((meter) => [meter.id, meter])),
    alerting: toAlerting(registry.alerts),
  };
}
