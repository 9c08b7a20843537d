import { generate } from 'mqtt-packet';
import { describe, expect, it } from 'vitest';
import { PacketSizeGuard, PacketTooLargeError } from './packet-size-guard.js';

function publish(payloadBytes: number): Buffer {
  return generate({ cmd: 'publish', topic: 't', payload: Buffer.alloc(payloadBytes), qos: 1, messageId: 1, retain: false, dup: false });
}

describe(PacketSizeGuard.name, () => {
  it('should pass packets under the limit, however the bytes are split', () => {
    const guard = new PacketSizeGuard(4096);
    const bytes = Buffer.concat([publish(10), generate({ cmd: 'pingreq' }), publish(2000), publish(10)]);
    const problems = Array.from(bytes, (byte) => guard.inspect(Buffer.from([byte])));
    expect(problems.filter((problem) => problem !== undefined)).toEqual([]);
  });

  it('should find a packet over the limit as soon as its length is read', () => {
    const guard = new PacketSizeGuard(4096);
    expect(guard.inspect(publish(10))).toBeUndefined();
    const problem = guard.inspect(publish(5000).subarray(0, 4));
    expect(problem).toBeInstanceOf(PacketTooLargeError);
    expect(problem?.message).toMatch(/^an MQTT packet of 50\d\d bytes is over the limit of 4096$/);
  });

  it('should find a remaining length longer than the four bytes MQTT allows', () => {
    const guard = new PacketSizeGuard(Number.MAX_SAFE_INTEGER);
    expect(guard.inspect(Buffer.from([0x30, 0x80, 0x80, 0x80, 0x80]))?.message).toBe('malformed MQTT remaining length');
  });
});
