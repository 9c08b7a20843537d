import { parseRegistry } from '@zeropark/registry';
import { describe, expect, it } from 'vitest';
import { brokerUsername, ingestBrokerUsername, passwordLine, renderAcl } from './mosquitto-files.js';

const HASH = 'scrypt$N=16384,r=8,p=1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';
const park = (id: string, gateway: string) =>
  parseRegistry(
    `park: { id: ${id}, name: P, timezone: UTC, gridRegion: national }
buildings: [{ id: B, name: B }]
meters: [{ id: M, role: grid_import }]
gateways: [{ id: ${gateway}, secretHash: "${HASH}", meters: [M] }]
`,
    `${id}.yaml`,
  );

describe(renderAcl.name, () => {
  it('should give each gateway its own topics in full, and no pattern', () => {
    const acl = renderAcl(new Map([['p1', park('p1', 'g1')]]));
    expect(acl).toContain(['user g1', 'topic write parks/p1/gateways/g1/readings', 'topic write parks/p1/gateways/g1/status', 'topic read parks/p1/gateways/g1/rejected'].join('\n'));
    expect(acl).not.toMatch(/^pattern/m);
  });

  it('should let the ingest read readings and write the bus, and the carbon service read the bus', () => {
    const acl = renderAcl(new Map([['p1', park('p1', 'g1')]]));
    expect(acl).toContain('user zeropark-ingest\ntopic read parks/+/gateways/+/readings\ntopic write parks/+/gateways/+/rejected\ntopic write zeropark/v1/accepted/#');
    expect(acl).toContain('user zeropark-bus\ntopic read zeropark/v1/accepted/#');
  });

  it('should give each ingest instance an account of its own, named as the client id it connects with, with the ingest\'s topics', () => {
    const acl = renderAcl(new Map([['p1', park('p1', 'g1')]]), ['ingest-1', 'ingest-2']);
    for (const user of ['zeropark-ingest-ingest-1', 'zeropark-ingest-ingest-2']) {
      expect(acl).toContain(`user ${user}\ntopic read parks/+/gateways/+/readings\ntopic write parks/+/gateways/+/rejected\ntopic write zeropark/v1/accepted/#`);
    }
    expect(ingestBrokerUsername('ingest-1')).toBe('zeropark-ingest-ingest-1');
  });

  it('should let the feed account write grid intensities only, and the carbon service read them', () => {
    const acl = renderAcl(new Map([['p1', park('p1', 'g1')]]));
    expect(acl).toContain('user zeropark-feed\ntopic write grids/+/intensity\n');
    expect(acl).toContain('user zeropark-bus\ntopic read zeropark/v1/accepted/#\ntopic read parks/+/gateways/+/status\ntopic read zeropark/v1/health/ingest/+\ntopic read grids/+/intensity\n');
  });

  it('should let each ingest instance write its own health and no other\'s, and the carbon service read every ingest\'s', () => {
    const acl = renderAcl(new Map([['p1', park('p1', 'g1')]]), ['ingest-1', 'ingest-2']);
    expect(acl).toContain('user zeropark-ingest-ingest-1\ntopic read parks/+/gateways/+/readings\ntopic write parks/+/gateways/+/rejected\ntopic write zeropark/v1/accepted/#\ntopic write zeropark/v1/health/ingest/ingest-1\n\n');
    expect(acl).toContain('user zeropark-ingest-ingest-2\ntopic read parks/+/gateways/+/readings\ntopic write parks/+/gateways/+/rejected\ntopic write zeropark/v1/accepted/#\ntopic write zeropark/v1/health/ingest/ingest-2\n\n');
    // the account of one reader that sets INGEST_BROKER_USERNAME=zeropark-ingest: its instance is its own setting
    expect(acl).toContain('user zeropark-ingest\ntopic read parks/+/gateways/+/readings\ntopic write parks/+/gateways/+/rejected\ntopic write zeropark/v1/accepted/#\ntopic write zeropark/v1/health/ingest/+\n\n');
    expect(acl.match(/^topic write zeropark\/v1\/health\/.*$/gm)).toEqual(['topic write zeropark/v1/health/ingest/+', 'topic write zeropark/v1/health/ingest/ingest-1', 'topic write zeropark/v1/health/ingest/ingest-2']);
  });

  it('should name a gateway park/gateway when two parks have a gateway of that id', () => {
    const parks = new Map([
      ['p1', park('p1', 'gw')],
      ['p2', park('p2', 'gw')],
    ]);
    expect(brokerUsername(parks, 'p2', 'gw')).toBe('p2/gw');
    expect(renderAcl(parks)).toContain('user p2/gw\ntopic write parks/p2/gateways/gw/readings');
  });
});

describe(passwordLine.name, () => {
  it('should write PBKDF2-SHA512 as mosquitto_passwd does', () => {
    const line = passwordLine('g1', 'secret', 101, Buffer.alloc(12, 1));
    expect(line).toMatch(/^g1:\$7\$101\$AQEBAQEBAQEBAQEB\$[A-Za-z0-9+/]{86}==$/);
  });
});
