import { Transform, type TransformCallback } from 'node:stream';

/**
 * Reads the MQTT fixed header of each packet as bytes go by ([MQTT-2.2]: one byte of type and
 * flags, then the remaining length in 1–4 bytes of 7 bits) and fails the stream as soon as a
 * packet announces more than `maxBytes`, before any of it is buffered. aedes has no limit of
 * its own and would buffer a packet of up to 256 MiB.
 */
export class PacketSizeGuard extends Transform {
  private state: 'type' | 'length' | 'body' = 'type';
  private length = 0;
  private multiplier = 1;
  private lengthBytes = 0;
  private bodyLeft = 0;

  constructor(private readonly maxBytes: number) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    let index = 0;
    while (index < chunk.length) {
      if (this.state === 'body') {
        const skip = Math.min(this.bodyLeft, chunk.length - index);
        this.bodyLeft -= skip;
        index += skip;
        if (this.bodyLeft === 0) this.state = 'type';
        continue;
      }
      const byte = chunk[index] ?? 0;
      index += 1;
      if (this.state === 'type') {
        this.state = 'length';
        this.length = 0;
        this.multiplier = 1;
        this.lengthBytes = 0;
        continue;
      }
      this.length += (byte & 0x7f) * this.multiplier;
      this.multiplier *= 128;
      this.lengthBytes += 1;
      if (this.length > this.maxBytes) return done(new PacketTooLargeError(this.length, this.maxBytes));
      if ((byte & 0x80) !== 0) {
        if (this.lengthBytes === 4) return done(new Error('malformed MQTT remaining length'));
        continue;
      }
      this.bodyLeft = this.length;
      this.state = this.bodyLeft === 0 ? 'type' : 'body';
    }
    done(null, chunk);
  }
}

export class PacketTooLargeError extends Error {
  constructor(
    readonly announced: number,
    readonly maxBytes: number,
  ) {
    super(`an MQTT packet of ${announced} bytes is over the limit of ${maxBytes}`);
    this.name = 'PacketTooLargeError';
  }
}
