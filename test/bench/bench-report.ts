import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../support/platform-process.js';

export interface Figure {
  bench: string;
  figure: string;
  value: number;
  unit: string;
  /** What this figure stands beside, measured in the same run. */
  peer?: string;
  note?: string;
}

/** Prints each figure as one JSON line, as it is measured. */
export function report(figure: Figure): Figure {
  console.log(JSON.stringify(figure));
  return figure;
}

/**
 * Rewrites this bench's section of docs/benchmarks.md (between its markers), keeping the others,
 * with the command that made the figures and the machine it ran on.
 */
export function writeSection(bench: string, command: string, machine: string, body: string): void {
  const file = join(REPO_ROOT, 'docs/benchmarks.md');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    text = '# Benchmarks\n\nEvery figure here was written by the command above it, on the machine it names. Re-run the command to check it.\n';
  }
  const [begin, end] = [`<!-- bench:${bench}:begin -->`, `<!-- bench:${bench}:end -->`];
  const section = `${begin}\n## ${bench}\n\nCommand: \`${command}\` — ${machine}, ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC.\n\n${body.trim()}\n${end}`;
  const start = text.indexOf(begin);
  const stop = text.indexOf(end);
  text = start >= 0 && stop > start ? text.slice(0, start) + section + text.slice(stop + end.length) : `${text.trimEnd()}\n\n${section}\n`;
  writeFileSync(file, text);
}
