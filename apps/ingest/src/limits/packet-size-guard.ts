/**
 * Reads the MQTT fixed header of each packet as bytes go by ([MQTT-2.2]: one byte of type and
 * flags, then the remaining length in 1–4 bytes of 7 bits) and finds a packet that announces more
 * than `maxBytes` as soon as its length is read, before any of its body is buffered. aedes has no
 * limit of its own and would buffer a packet of up to 256 MiB. No stream of its own: the
 * connection (`GuardedConnection`) shows it every chunk that comes in.
 */
export class PacketSizeGuard {
  private state: 'type' | 'length' | 'body' = 'type';
  private length = 0;
  private multiplier = 1;
  private lengthBytes = 0;
  private bodyLeft = 0;

  constructor(private readonly maxBytes: number) {}

  /** The next bytes of the stream; an error once a packet is too large or its length malformed. */
  inspect(chunk: Buffer): Error | undefined {
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
      if (this.length > this.maxBytes) return new PacketTooLargeError(this.length, this.maxBytes);
      if ((byte & 0x80) !== 0) {
        if (this.lengthBytes === 4) return new Error('malformed MQTT remaining length');
        continue;
      }
      this.bodyLeft = this.length;
      this.state = this.bodyLeft === 0 ? 'type' : 'body';
    }
    return undefined;
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
