import { ConfigError } from '@zeropark/contracts';
import { describe, expect, it } from 'vitest';
import { parseReplayOptions } from './replay.options.js';

function problemsOf(argv: string[]): readonly string[] {
  try {
    parseReplayOptions(argv);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe(parseReplayOptions.name, () => {
  it("should default to the example park's demo gateway on a local broker, the file ending yesterday", () => {
    expect(parseReplayOptions(['--file', 'meter.csv'])).toMatchObject({
      file: 'meter.csv',
      registry: 'config/example-park.yaml',
      gateway: 'demo-gateway',
      broker: 'mqtt://127.0.0.1:1883',
      'counter-start': '0',
      'time-format': 'MM/dd/yyyy HH:mm:ss',
      stamp: 'end',
      batch: 24,
    });
    expect(parseReplayOptions(['--file', 'meter.csv'])['first-day']).toBeUndefined();
  });

  it('should name a typo with the option it is near', () => {
    expect(problemsOf(['--file', 'meter.csv', '--frist-day', '2026-11-01'])).toEqual(['--frist-day: unknown setting (did you mean first-day?)']);
  });

  it('should list every bad value at once, each with its option', () => {
    expect(problemsOf(['--first-day', '2026-2-1', '--stamp', 'middle', '--batch', '0', '--counter-start', '-5'])).toEqual([
      '--file: name the meter file: --file path/to/file.csv',
      '--first-day: a day written YYYY-MM-DD',
      '--counter-start: kWh, a number ≥ 0',
      '--stamp: Invalid option: expected one of "end"|"start"',
      '--batch: Too small: expected number to be >=1',
    ]);
  });

  it('should say when an option has no value, or a value has no option', () => {
    expect(problemsOf(['--file'])).toEqual(['--file: give it a value (--file …)', '--file: name the meter file: --file path/to/file.csv']);
    expect(problemsOf(['meter.csv'])).toEqual(['"meter.csv": options are written --name value', '--file: name the meter file: --file path/to/file.csv']);
  });
});
