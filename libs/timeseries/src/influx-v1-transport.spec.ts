import { InfluxDB } from '@influxdata/influxdb-client';
import { describe, expect, it } from 'vitest';
import { InfluxV1WriteTransport } from './influx-v1-transport.js';

const inner = new InfluxDB({ url: 'http://127.0.0.1:1' }).transport;

describe(InfluxV1WriteTransport.name, () => {
  it('should map the v2 write path to /write with the database and retention policy of the bucket', () => {
    expect(new InfluxV1WriteTransport(inner).mapPath('/api/v2/write?org=&bucket=zeropark%2Fautogen&precision=ms')).toBe('/write?db=zeropark&precision=ms&rp=autogen');
  });

  it('should leave the retention policy to the server when the bucket names none', () => {
    expect(new InfluxV1WriteTransport(inner).mapPath('/api/v2/write?org=x&bucket=zeropark&precision=ms')).toBe('/write?db=zeropark&precision=ms');
  });

  it('should leave every other path alone', () => {
    expect(new InfluxV1WriteTransport(inner).mapPath('/ping')).toBe('/ping');
  });
});
