import { describe, expect, it } from 'vitest';
import { acceptedTopic, gatewayTopic, parseGatewayTopic } from './topics.js';

describe(parseGatewayTopic.name, () => {
  it('should read park, gateway and kind from a gateway topic', () => {
    expect(parseGatewayTopic('parks/demo-park/gateways/gw-b01/readings')).toEqual({
      parkId: 'demo-park',
      gatewayId: 'gw-b01',
      kind: 'readings',
    });
  });

  it('should round-trip what gatewayTopic builds', () => {
    expect(parseGatewayTopic(gatewayTopic('p1', 'g1', 'status'))).toEqual({ parkId: 'p1', gatewayId: 'g1', kind: 'status' });
  });

  it.each([
    'parks/demo-park/gateways/gw-b01',
    'parks/demo-park/gateways/gw-b01/readings/extra',
    'parks/demo-park/gateway/gw-b01/readings',
    'parks/+/gateways/gw-b01/readings',
    'parks/demo-park/gateways/#/readings',
    'parks/demo-park/gateways/gw-b01/commands',
    'zeropark/v1/accepted/demo-park',
  ])('should not take %s for a gateway topic', (topic) => {
    expect(parseGatewayTopic(topic)).toBeUndefined();
  });

  it('should put the bus under zeropark/, out of the gateways\' namespace', () => {
    expect(acceptedTopic('demo-park')).toBe('zeropark/v1/accepted/demo-park');
  });
});
