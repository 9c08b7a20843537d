import { temporaryDirectory } from '@zeropark/test-servers';
import { join } from 'node:path';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { IngestJournal } from './ingest-journal.js';
import { JournalBackpressure } from './journal-backpressure.js';
import { keepReadings } from './kept-readings.fixture.js';

describe(JournalBackpressure.name, () => {
  it('should hold acknowledgements while the journal is past its bound, and release them once it drains', async () => {
    const journal = new IngestJournal(join(temporaryDirectory('bp'), 'ingest.db'), { prepare: keepReadings });
    const engaged: boolean[] = [];
    const backpressure = new JournalBackpressure(journal, 2, pino({ level: 'silent' }), (state) => engaged.push(state));
    const readings = [1, 2].map((ts) => ({ building: null, meter: 'GRID', role: 'grid_import' as const, carrier: 'electricity' as const, ts, values: { power_kw: 1 } }));
    await backpressure.wait(); // empty: at once
    await journal.append({ park: 'p1', gateway: 'g', seq: 1, receivedAt: 1, readings, readingsJson: JSON.stringify(readings) });
    let released = false;
    const held = backpressure.wait().then(() => (released = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(released).toBe(false);
    journal.remove(journal.take(10));
    await held;
    expect(engaged).toEqual([true, false]);
    await journal.close();
  });
});
