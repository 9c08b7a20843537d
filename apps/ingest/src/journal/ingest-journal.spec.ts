import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { IngestJournal, type JournalEntry } from './ingest-journal.js';

function entry(seq: number, readings = 1): JournalEntry {
  return {
    park: 'p1',
    gateway: 'g1',
    seq,
    receivedAt: 1,
    points: Array.from({ length: readings }, (_, index) => ({
      park: 'p1', building: 'B01', meter: 'M1', role: 'building_submeter' as const, carrier: 'electricity' as const, ts: seq * 1000 + index, values: { power_kw: seq },
    })),
  };
}

const journalFile = () => join(mkdtempSync(join(tmpdir(), 'zeropark-journal-')), 'ingest.db');

describe(IngestJournal.name, () => {
  it('should commit appends of the same turn together: one commit, one fsync, for many batches', async () => {
    const journal = new IngestJournal(journalFile());
    await Promise.all(Array.from({ length: 50 }, (_, seq) => journal.append(entry(seq))));
    expect(journal.stats).toEqual({ commits: 1, entries: 50 });
    await journal.append(entry(50));
    expect(journal.stats).toEqual({ commits: 2, entries: 51 });
    journal.close();
  });

  it('should keep what it committed across a reopen, as after a crash', async () => {
    const file = journalFile();
    const first = new IngestJournal(file);
    await first.append(entry(1, 3));
    first.close();
    const second = new IngestJournal(file);
    expect(second.depth).toBe(3);
    expect(second.oldest(100).points.map((point) => point.ts)).toEqual([1000, 1001, 1002]);
    second.close();
  });

  it('should hand out the oldest entries up to a number of readings, and forget them once removed', async () => {
    const journal = new IngestJournal(journalFile());
    await Promise.all([journal.append(entry(1, 3)), journal.append(entry(2, 3)), journal.append(entry(3, 3))]);
    const batch = journal.oldest(6);
    expect(batch.points.map((point) => point.values.power_kw)).toEqual([1, 1, 1, 2, 2, 2]);
    journal.remove(batch);
    expect(journal.depth).toBe(3);
    expect(journal.oldest(6).points.map((point) => point.values.power_kw)).toEqual([3, 3, 3]);
    journal.close();
  });

  it('should hand out a whole entry even when it alone is larger than asked', async () => {
    const journal = new IngestJournal(journalFile());
    await journal.append(entry(1, 10));
    expect(journal.oldest(4).points).toHaveLength(10);
    journal.close();
  });
});
