import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { ParkModelState } from './park-model.js';

/** Counters and seq numbers survive a restart, so a restarted simulator never runs a counter backwards. */
export interface SimulatorState extends ParkModelState {
  seq: Record<string, number>;
}

export function readSimulatorState(file: string): SimulatorState | undefined {
  if (!existsSync(file)) return undefined;
  return JSON.parse(readFileSync(file, 'utf8')) as SimulatorState;
}

export function writeSimulatorState(file: string, state: SimulatorState): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(`${file}.tmp`, JSON.stringify(state));
  renameSync(`${file}.tmp`, file);
}
