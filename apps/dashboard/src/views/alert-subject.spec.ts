import { describe, expect, it } from 'vitest';
import { describeSubject } from './alert-subject.js';

describe(describeSubject.name, () => {
  it('should name a park\'s building, meter or gateway by its kind and id', () => {
    expect(describeSubject({ kind: 'building', id: 'B01' })).toBe('building B01');
    expect(describeSubject({ kind: 'gateway', id: 'gw-b01' })).toBe('gateway gw-b01');
  });

  it('should say a platform alert concerns every meter of the park', () => {
    expect(describeSubject({ kind: 'service', id: 'ingest/ingest-1' })).toBe('platform: ingest/ingest-1 (all meters)');
  });
});
