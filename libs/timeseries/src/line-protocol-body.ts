/** A request body made by `LineProtocolBodies`: its bytes, and the way to give its buffer back. */
export interface LineProtocolBody {
  readonly bytes: Buffer;
  release(): void;
}

/**
 * Texts of line protocol as one request body: UTF-8 bytes, a newline between texts, written
 * straight into a buffer that is used again for the next body. The ingest writes a body of
 * about 700 KB every 5 000 readings; made as one joined string and then a fresh copy of its
 * bytes, as the client's WriteApi does, each body is new memory that the kernel maps and zeroes,
 * which cost more than the rest of the write (docs/benchmarks.md). A buffer is given back once
 * its request is done with it; there are as many as there are writes in flight.
 */
export class LineProtocolBodies {
  private readonly spare: Buffer[] = [];

  take(texts: readonly string[]): LineProtocolBody {
    // a UTF-16 code unit is at most 3 bytes of UTF-8
    let capacity = texts.length;
    for (const text of texts) capacity += text.length * 3;
    const found = this.spare.findIndex((buffer) => buffer.length >= capacity);
    const buffer = found === -1 ? Buffer.allocUnsafeSlow(capacity) : (this.spare.splice(found, 1)[0] as Buffer);
    let length = 0;
    for (const text of texts) {
      if (length > 0) buffer[length++] = 0x0a;
      length += buffer.write(text, length);
    }
    let released = false;
    return {
      bytes: buffer.subarray(0, length),
      release: () => {
        if (released) return;
        released = true;
        this.spare.push(buffer);
      },
    };
  }
}
