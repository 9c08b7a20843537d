import { describe, expect, it } from 'vitest';
import { describeIssues } from './describe-issues.js';
import { gridIntensitySchema, parseGridIntensityTopic } from './grid-intensity.schema.js';

describe('the grid-intensity feed', () => {
  it('should take a region from its topic, and nothing else', () => {
    expect(parseGridIntensityTopic('grids/east-china/intensity')).toBe('east-china');
    expect(parseGridIntensityTopic('grids/east china/intensity')).toBeUndefined();
    expect(parseGridIntensityTopic('grids/east-china/intensity/x')).toBeUndefined();
  });

  it('should accept a factor for a span of time, and explain a wrong one', () => {
    const valid = { v: 1, kgCo2PerKwh: 0.48, from: '2026-11-28T10:00:00+08:00', to: '2026-11-28T11:00:00+08:00', source: 'East China grid dispatch' };
    expect(gridIntensitySchema.safeParse(valid).success).toBe(true);
    const wrong = gridIntensitySchema.safeParse({ ...valid, kgCo2PerKwh: 480, to: valid.from });
    expect(wrong.success ? [] : describeIssues(wrong.error)).toEqual(['kgCo2PerKwh: is above 2 kg CO₂/kWh: a value in g/kWh? send kg/kWh', 'to: must be after from']);
  });
});
