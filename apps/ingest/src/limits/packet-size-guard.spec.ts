import { generate } from 'mqtt-packet';
import { describe, expect, it } from 'vitest';
import { PacketSizeGuard, PacketTooLargeError } from './packet-size-guard.js';

function publish(payloadBytes: number): Buffer {
  return generate({ cmd: 'publish', topic: 't', payload: Buffer.alloc(payloadBytes), qos: 1, messageId: 1, retain: false, dup: false });
}

function run(guard: PacketSizeGuard, chunks: Buffer[]): Promise<{ passed: number; error?: Error }> {
  return new Promise((resolve) => {
    let passed = 0;
    guard.on('data', (chunk: Buffer) => (passed += chunk.length));
    guard.on('error', (error) => resolve({ passed, error }));
    guard.on('end', () => resolve({ passed }));
    for (const chunk of chunks) guard.write(chunk);
    guard.end();
    guard.resume();
  });
}

describe(PacketSizeGuard.name, () => {
  it('should pass packets under the limit untouched, however the bytes are split', async () => {
    const bytes = Buffer.concat([publish(10), generate({ cmd: 'pingreq' }), publish(2000)]);
    const oneByOne = Array.from(bytes, (byte) => Buffer.from([byte]));
    expect(await run(new PacketSizeGuard(4096), oneByOne)).toEqual({ passed: bytes.length });
  });

  it('should fail as soon as a packet announces more than the limit', async () => {
    const big = publish(5000);
    const { passed, error } = await run(new PacketSizeGuard(4096), [publish(10), big.subarray(0, 4)]);
    expect(error).toBeInstanceOf(PacketTooLargeError);
    expect(error?.message).toMatch(/^an MQTT packet of 50\d\d bytes is over the limit of 4096$/);
    expect(passed).toBe(publish(10).length);
  });
});
