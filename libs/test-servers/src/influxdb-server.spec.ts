import { describe, expect, it } from 'vitest';
import { startInfluxdb } from './influxdb-server.js';

describe(startInfluxdb.name, () => {
  it('should start a real InfluxDB that keeps its data across a stop and a start', async () => {
    const influx = await startInfluxdb();
    try {
      await influx.query('CREATE DATABASE probe');
      await fetch(`${influx.url}/write?db=probe&precision=ms`, { method: 'POST', body: 'm,t=a v=1 1800000000000' });
      await influx.stop();
      await expect(fetch(`${influx.url}/ping`)).rejects.toThrow();
      await influx.start();
      const answer = await influx.query('SELECT v FROM m', 'probe');
      expect(answer.results[0]?.series?.[0]?.values).toEqual([[1_800_000_000_000, 1]]);
    } finally {
      await influx.stop();
    }
  });

  it('should turn authentication on with an admin user, refusing a query without credentials', async () => {
    const influx = await startInfluxdb({ admin: { username: 'admin', password: 'pw' } });
    try {
      expect((await influx.query('CREATE DATABASE probe')).results[0]?.error).toBeUndefined();
      const anonymous = await fetch(`${influx.url}/query`, { method: 'POST', body: new URLSearchParams({ q: 'SHOW DATABASES' }) });
      expect(anonymous.status).toBe(401);
    } finally {
      await influx.stop();
    }
  });
});
