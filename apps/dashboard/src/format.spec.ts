import { describe, expect, it } from 'vitest';
import { formatAge, formatNumber, formatShare } from './format.js';

describe('dashboard formatting', () => {
  it('should show numbers with grouping and fixed decimals, and a dash for none', () => {
    expect(formatNumber(1234.56)).toBe('1,234.6');
    expect(formatNumber(0, 0)).toBe('0');
    expect(formatNumber(null)).toBe('–');
    expect(formatNumber(Number.NaN)).toBe('–');
  });

  it('should show a share as a percentage', () => {
    expect(formatShare(0.375)).toBe('37.5 %');
    expect(formatShare(null)).toBe('–');
  });

  it('should show how old the newest reading is', () => {
    expect(formatAge(null, 0)).toBe('no reading yet');
    expect(formatAge(1000, 13_000)).toBe('12 s ago');
    expect(formatAge(0, 185_000)).toBe('3 min ago');
    expect(formatAge(0, 7_300_000)).toBe('2 h ago');
  });
});
