import { describe, expect, it } from 'vitest';
import { influxAuthorization } from './influx-authorization.js';

describe(influxAuthorization.name, () => {
  it('should send a 1.x user:password as basic authentication, which every 1.x reads', () => {
    // base64("ingest:s3cret") = aW5nZXN0OnMzY3JldA==
    expect(influxAuthorization('ingest:s3cret')).toBe('Basic aW5nZXN0OnMzY3JldA==');
  });

  it('should keep every colon after the first in the password', () => {
    expect(Buffer.from((influxAuthorization('ingest:a:b') ?? '').slice('Basic '.length), 'base64').toString()).toBe('ingest:a:b');
  });

  it('should send a 2.x or 3.x API token as a token', () => {
    expect(influxAuthorization('apiv3_Zm9vYmFy-_')).toBe('Token apiv3_Zm9vYmFy-_');
  });

  it('should send no header without a token', () => {
    expect(influxAuthorization(undefined)).toBeUndefined();
  });
});
