import { describe, expect, it } from 'vitest';
import { RepeatedWarnings } from './repeated-warnings.js';

describe(RepeatedWarnings.name, () => {
  function logged() {
    let now = 0;
    const lines: [Record<string, unknown>, string][] = [];
    const warnings = new RepeatedWarnings((fields, message) => lines.push([fields, message]), 10_000, () => now);
    return { warnings, lines, at: (ms: number) => (now = ms) };
  }

  it('should log the first warning of a kind at once and count the rest of its interval', () => {
    const { warnings, lines, at } = logged();
    for (let index = 0; index < 1000; index += 1) warnings.warn('join', { park: `p${index}` }, 'refused: the token does not name the park');
    expect(lines).toEqual([[{ park: 'p0' }, 'refused: the token does not name the park']]);
    at(10_000);
    warnings.flush();
    expect(lines[1]).toEqual([{ park: 'p999', repeated: 999 }, 'refused: the token does not name the park (and 999 more like it in 10 s; the last shown)']);
  });

  it('should say the count of the interval before a warning that comes after it', () => {
    const { warnings, lines, at } = logged();
    warnings.warn('join', {}, 'refused');
    warnings.warn('join', {}, 'refused');
    at(12_000);
    warnings.warn('join', {}, 'refused');
    expect(lines.map(([fields]) => fields.repeated)).toEqual([undefined, 1, undefined]);
  });

  it('should keep kinds apart, and log nothing more for a kind that was not repeated', () => {
    const { warnings, lines, at } = logged();
    warnings.warn('join', {}, 'refused join');
    warnings.warn('acknowledge', {}, 'refused acknowledgement');
    at(10_000);
    warnings.flush();
    expect(lines.map(([, message]) => message)).toEqual(['refused join', 'refused acknowledgement']);
  });
});
