import { describe, expect, it } from 'vitest';
import { LineProtocolBodies } from './line-protocol-body.js';

describe(LineProtocolBodies.name, () => {
  it('should join the texts with newlines, as UTF-8', () => {
    const body = new LineProtocolBodies().take(['reading,meter=M1 power_kw=1 1', 'reading,meter=Zähler\\ 2 power_kw=2 2']);
    expect(body.bytes.toString('utf8')).toBe('reading,meter=M1 power_kw=1 1\nreading,meter=Zähler\\ 2 power_kw=2 2');
  });

  it('should use a released buffer again, and never one still in use', () => {
    const bodies = new LineProtocolBodies();
    const first = bodies.take(['a'.repeat(100)]);
    const second = bodies.take(['b'.repeat(100)]);
    expect(second.bytes.buffer).not.toBe(first.bytes.buffer);
    first.release();
    first.release(); // once only: a second release must not hand the buffer out twice
    const third = bodies.take(['c'.repeat(50)]);
    const fourth = bodies.take(['d'.repeat(50)]);
    expect(third.bytes.buffer).toBe(first.bytes.buffer);
    expect(fourth.bytes.buffer).not.toBe(first.bytes.buffer);
    expect(third.bytes.toString()).toBe('c'.repeat(50));
  });

  it('should take a larger buffer when the texts do not fit a spare one', () => {
    const bodies = new LineProtocolBodies();
    bodies.take(['short']).release();
    const long = bodies.take(['x'.repeat(10_000)]);
    expect(long.bytes.length).toBe(10_000);
  });
});
