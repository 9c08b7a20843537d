// `npm run replay -- --file <csv>`: a real meter's interval file, replayed through the platform as
// its gateway would have sent it (simulators/park/README.md, "Replaying a meter's file").
import { ConfigError, describeSettings, QUANTITIES_OF_ROLE } from '@zeropark/contracts';
import { loadRegistryFile, type ParkRegistry } from '@zeropark/registry';
import { Decimal } from 'decimal.js';
import { DateTime } from 'luxon';
import { readFile } from 'node:fs/promises';
import { counterReadings, shiftDaysOnto } from './counter-readings.js';
import { readIntervalFile, type IntervalRow } from './interval-file.js';
import { replayCounterReadings } from './meter-file-replay.js';
import { parseReplayOptions, REPLAY_OPTIONS, type ReplayOptions } from './replay.options.js';

/** Refuses with the reasons, one a line, and the exit code 2 (bad input, nothing sent). */
class Refusal extends Error {
  constructor(lines: readonly string[]) {
    super(lines.join('\n'));
  }
}

/** Problems and refused readings told one a line, up to this many; then how many more. */
const SHOWN = 20;

/** Problems, indented, the first `SHOWN` of them and how many more (a wrong --time-format fails every row). */
function listed(problems: readonly string[]): string[] {
  const shown = problems.slice(0, SHOWN).map((problem) => `  ${problem}`);
  return problems.length > SHOWN ? [...shown, `  … and ${problems.length - SHOWN} more`] : shown;
}

async function main(): Promise<number> {
  if (process.argv.includes('--help')) {
    const table = describeSettings(REPLAY_OPTIONS).replace('| variable |', '| option |').replace(/^\| `/gm, '| `--');
    process.stdout.write(`npm run replay -- --file <csv> [options]\n\n${table}\n`);
    return 0;
  }
  const options = parseReplayOptions(process.argv.slice(2));
  const registry = await loadRegistryFile(options.registry);
  const meterId = meterOf(registry, options);
  const read = readIntervalFile(await readFile(options.file, 'utf8'), {
    timeFormat: options['time-format'],
    stamp: options.stamp,
    ...(options['time-column'] === undefined ? {} : { timeColumn: options['time-column'] }),
    ...(options['kwh-column'] === undefined ? {} : { energyColumn: options['kwh-column'] }),
  });
  if (!read.ok) throw new Refusal([`${options.file} is not replayed:`, ...listed(read.problems)]);
  const { rows, intervalMinutes, notes } = read.file;
  const timezone = registry.topology.park.timezone;
  const firstDay = options['first-day'] ?? dayEndingYesterday(rows, timezone);
  const placed = counterReadings(rows, { timezone, shiftDays: shiftDaysOnto(rows[0]!.start, firstDay), counterStartKwh: new Decimal(options['counter-start']) });
  if (!placed.ok) throw new Refusal([`${options.file} is not replayed:`, ...listed(placed.problems)]);

  const total = rows.reduce((sum, row) => sum.plus(row.kwh), new Decimal(0));
  const { readings } = placed;
  say(`${options.file}: ${rows.length} intervals of ${intervalMinutes} min, ${total.toString()} kWh in all`);
  for (const note of notes) say(`  note: ${note}`);
  say(
    `replaying as meter ${meterId} of gateway ${options.gateway} (park ${registry.topology.park.id}, ${timezone}): ` +
      `${readings.length} counter readings from ${isoLocal(readings[0]!.ts, timezone)} to ${isoLocal(readings.at(-1)!.ts, timezone)}`,
  );
  let shownTenth = -1;
  const outcome = await replayCounterReadings(
    readings,
    { brokerUrl: options.broker, parkId: registry.topology.park.id, gatewayId: options.gateway, secret: options.secret, meterId, batchSize: options.batch },
    (sent, all) => {
      const tenth = Math.floor((10 * sent) / all);
      if (tenth === shownTenth) return;
      shownTenth = tenth;
      say(`  ${sent}/${all} readings acknowledged`);
    },
  );
  for (const refused of outcome.refused.slice(0, SHOWN)) say(`line ${refused.line}: refused by the ingest, ${refused.rule}: ${refused.reason}`);
  if (outcome.refused.length > SHOWN) say(`… and ${outcome.refused.length - SHOWN} more refused (the ingest's dead letters hold them all)`);
  say(`done: ${outcome.sent - outcome.refused.length} of ${outcome.sent} readings accepted`);
  return outcome.refused.length === 0 ? 0 : 1;
}

function meterOf(registry: ParkRegistry, options: ReplayOptions): string {
  const gateway = registry.gateways.get(options.gateway);
  if (gateway === undefined) throw new Refusal([`--gateway: no gateway "${options.gateway}" in ${options.registry} (it has ${[...registry.gateways.keys()].join(', ')})`]);
  const meters = [...gateway.meters];
  const meter = options.meter ?? (meters.length === 1 ? meters[0] : undefined);
  if (meter === undefined) throw new Refusal([`--meter: gateway "${gateway.id}" reads ${meters.join(', ')}: name the one the file is replayed as`]);
  if (!gateway.meters.has(meter)) throw new Refusal([`--meter: gateway "${gateway.id}" does not read meter "${meter}" in ${options.registry} (it reads ${meters.join(', ')})`]);
  const role = registry.meters.get(meter)?.role;
  if (role === undefined || !QUANTITIES_OF_ROLE[role].includes('energy_import_kwh')) {
    throw new Refusal([`--meter: meter "${meter}" is a ${role ?? 'unknown'} meter, which does not report energy_import_kwh, the counter the replay sends`]);
  }
  return meter;
}

/** The first day that makes the file's last day yesterday in the zone, so every reading is in the past. */
function dayEndingYesterday(rows: readonly IntervalRow[], timezone: string): string {
  const last = rows.at(-1)!.start;
  const span = shiftDaysOnto(rows[0]!.start, DateTime.fromObject({ year: last.year, month: last.month, day: last.day }, { zone: 'utc' }).toISODate() ?? '');
  return DateTime.now().setZone(timezone).startOf('day').minus({ days: 1 + span }).toISODate() ?? '';
}

function isoLocal(ts: number, timezone: string): string {
  return DateTime.fromMillis(ts, { zone: timezone }).toFormat("yyyy-MM-dd HH:mm ZZ");
}

function say(line: string): void {
  process.stderr.write(`${line}\n`);
}

main().then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    // one problem, an unknown option most often, in one line; several, every one at once
    if (error instanceof ConfigError && error.problems.length === 1) say(`replay: ${error.problems[0] ?? ''}`);
    else if (error instanceof ConfigError) say(`the command line has ${error.problems.length} problems:\n${error.problems.map((problem) => `  ${problem}`).join('\n')}`);
    else if (error instanceof Refusal) say(error.message);
    else say(`replay failed: ${(error as Error).message}`);
    process.exitCode = 2;
  },
);
