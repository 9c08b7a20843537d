import { temporaryDirectory } from '@zeropark/test-servers';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { IngestJournal, type JournalBatch, type JournalEntry } from './ingest-journal.js';
import { keepReadings, type KeptReadings } from './kept-readings.fixture.js';

function entry(seq: number, count = 1, park = 'p1'): JournalEntry {
  const readings = Array.from({ length: count }, (_, index) => ({
    building: 'B01', meter: 'M1', role: 'building_submeter' as const, carrier: 'electricity' as const, ts: seq * 1000 + index, values: { power_kw: seq },
  }));
  return { park, gateway: 'g1', seq, receivedAt: 1, readings, readingsJson: JSON.stringify(readings) };
}

const prepared = { prepare: keepReadings };

/** The readings of a batch, flat, in order. */
const readingsOf = (batch: JournalBatch<KeptReadings>) => batch.batches.flatMap((group) => group.readings);

const journalFile = () => join(temporaryDirectory('journal'), 'ingest.db');

/** Journal options that count the commits made and the entries they held, as /metrics does (`onCommit`). */
function countingCommits() {
  const counted = { commits: 0, entries: 0 };
  const onCommit = ({ entries }: { entries: number }) => {
    counted.commits += 1;
    counted.entries += entries;
  };
  return { options: { ...prepared, onCommit }, counted };
}

describe(IngestJournal.name, () => {
  it('should commit appends of the same turn together: one commit, one fsync, for many batches', async () => {
    const { options, counted } = countingCommits();
    const journal = new IngestJournal(journalFile(), options);
    await Promise.all(Array.from({ length: 50 }, (_, seq) => journal.append(entry(seq))));
    expect(counted).toEqual({ commits: 1, entries: 50 });
    await journal.append(entry(50));
    expect(counted).toEqual({ commits: 2, entries: 51 });
    await journal.close();
  });

  it('should tell how long each commit took and how many batches it held', async () => {
    const commits: { seconds: number; entries: number }[] = [];
    const journal = new IngestJournal(journalFile(), { ...prepared, onCommit: (commit) => commits.push(commit) });
    const started = performance.now();
    await Promise.all(Array.from({ length: 5 }, (_, seq) => journal.append(entry(seq))));
    await journal.append(entry(5));
    const elapsedSeconds = (performance.now() - started) / 1000;
    expect(commits.map((commit) => commit.entries)).toEqual([5, 1]);
    for (const { seconds } of commits) expect(seconds).toBeGreaterThan(0);
    expect(commits[0]!.seconds + commits[1]!.seconds).toBeLessThanOrEqual(elapsedSeconds);
    await journal.close();
  });

  it('should commit the batches that arrive after a commit in the next one', async () => {
    const { options, counted } = countingCommits();
    const journal = new IngestJournal(journalFile(), options);
    const first = Promise.all(Array.from({ length: 10 }, (_, seq) => journal.append(entry(seq))));
    await new Promise((resolve) => setImmediate(resolve)); // the first commit is on its way to disk
    const second = Promise.all(Array.from({ length: 10 }, (_, seq) => journal.append(entry(10 + seq))));
    await Promise.all([first, second]);
    expect(counted).toEqual({ commits: 2, entries: 20 });
    await journal.close();
  });

  it('should let the event loop turn while a commit is on its way to disk', async () => {
    const journal = new IngestJournal(journalFile(), prepared);
    await journal.append(entry(0)); // the worker is started
    let committed = false;
    const appended = journal.append(entry(1)).then(() => (committed = true));
    let turns = 0;
    const turn = () => {
      turns += 1;
      if (!committed) setImmediate(turn);
    };
    setImmediate(turn);
    await appended;
    // a commit made on this thread would resolve in the turn it runs in: one turn, not several
    expect(turns).toBeGreaterThanOrEqual(3);
    await journal.close();
  });

  it('should keep what it committed across a reopen, as after a crash', async () => {
    const file = journalFile();
    const first = new IngestJournal(file, prepared);
    await first.append(entry(1, 3));
    await first.close();
    const second = new IngestJournal(file, prepared);
    expect(second.depth).toBe(3);
    expect(readingsOf(second.take(100)).map((reading) => reading.ts)).toEqual([1000, 1001, 1002]);
    await second.close();
  });

  it('should hand out the oldest entries up to a number of readings, and forget them once removed', async () => {
    const journal = new IngestJournal(journalFile(), prepared);
    await Promise.all([journal.append(entry(1, 3)), journal.append(entry(2, 3)), journal.append(entry(3, 3))]);
    const batch = journal.take(6);
    expect(readingsOf(batch).map((reading) => reading.values.power_kw)).toEqual([1, 1, 1, 2, 2, 2]);
    journal.remove(batch);
    expect(journal.depth).toBe(3);
    expect(readingsOf(journal.take(6)).map((reading) => reading.values.power_kw)).toEqual([3, 3, 3]);
    await journal.close();
  });

  it('should hand out the next entries while earlier ones are still taken, and all of them again after untakeAll', async () => {
    const journal = new IngestJournal(journalFile(), prepared);
    await Promise.all([journal.append(entry(1)), journal.append(entry(2)), journal.append(entry(3))]);
    expect(journal.take(1).ids.length + journal.take(1).ids.length).toBe(2);
    expect(readingsOf(journal.take(5)).map((reading) => reading.values.power_kw)).toEqual([3]);
    expect(journal.take(5).ids).toEqual([]);
    journal.untakeAll();
    expect(readingsOf(journal.take(5)).map((reading) => reading.values.power_kw)).toEqual([1, 2, 3]);
    await journal.close();
  });

  it('should count the readings no write has taken, through takes, removals and untakeAll', async () => {
    const journal = new IngestJournal(journalFile(), prepared);
    expect(journal.untaken()).toEqual({ readings: 0, oldestWaitedMs: 0 });
    await Promise.all([entry(1, 2), entry(2, 3), entry(3, 4)].map((one) => journal.append(one)));
    expect(journal.untaken().readings).toBe(9);
    const first = journal.take(2); // entry 1
    expect(journal.untaken().readings).toBe(7);
    journal.take(3); // entry 2
    expect(journal.untaken().readings).toBe(4);
    journal.remove(first);
    expect(journal.untaken().readings).toBe(4); // removing a taken entry leaves the untaken as they were
    journal.untakeAll();
    expect(journal.untaken().readings).toBe(7); // entries 2 and 3
    expect(journal.untaken().oldestWaitedMs).toBeGreaterThanOrEqual(0);
    await journal.close();
  });

  it('should hand out entries appended after the journal was emptied, though SQLite gives their rows the same ids again', async () => {
    const journal = new IngestJournal(journalFile(), prepared);
    await journal.append(entry(1));
    const first = journal.take(5);
    journal.remove(first);
    await journal.append(entry(2));
    const second = journal.take(5);
    expect(second.ids).toEqual(first.ids);
    expect(readingsOf(second).map((reading) => reading.values.power_kw)).toEqual([2]);
    journal.remove(second);
    expect(journal.depth).toBe(0);
    await journal.close();
  });

  it('should delete on disk exactly the removed rows, so a reopen replays only the rest', async () => {
    const file = journalFile();
    const first = new IngestJournal(file, prepared);
    await Promise.all([first.append(entry(1, 2)), first.append(entry(2, 2)), first.append(entry(3, 2))]);
    first.remove(first.take(4));
    await first.close();
    const second = new IngestJournal(file, prepared);
    expect(second.depth).toBe(2);
    expect(readingsOf(second.take(100)).map((reading) => reading.values.power_kw)).toEqual([3, 3]);
    await second.close();
  });

  it('should refuse to remove rows that are not the oldest', async () => {
    const journal = new IngestJournal(journalFile(), prepared);
    await Promise.all([journal.append(entry(1)), journal.append(entry(2))]);
    const both = journal.take(2);
    const second: typeof both = { ids: both.ids.slice(1), batches: [], readingCount: 1 };
    expect(() => journal.remove(second)).toThrow('oldest first');
    expect(journal.depth).toBe(2);
    await journal.close();
  });

  it('should hand out a whole entry even when it alone is larger than asked', async () => {
    const journal = new IngestJournal(journalFile(), prepared);
    await journal.append(entry(1, 10));
    expect(readingsOf(journal.take(4))).toHaveLength(10);
    await journal.close();
  });
});

describe(`${IngestJournal.name} with several parks`, () => {
  it('should hand out each entry as a batch of its park, in journal order', async () => {
    const journal = new IngestJournal(journalFile(), prepared);
    await Promise.all([journal.append(entry(1, 1, 'p1')), journal.append(entry(2, 1, 'p1')), journal.append(entry(3, 1, 'p2')), journal.append(entry(4, 1, 'p1'))]);
    expect(journal.take(100).batches.map((group) => group.park)).toEqual(['p1', 'p1', 'p2', 'p1']);
    await journal.close();
  });
});

describe(`${IngestJournal.name} past its memory bound`, () => {
  it('should read back from disk what did not fit in memory, in order', async () => {
    const journal = new IngestJournal(journalFile(), { ...prepared, memoryReadings: 4 });
    await Promise.all([journal.append(entry(1, 3)), journal.append(entry(2, 3)), journal.append(entry(3, 1))]);
    const batch = journal.take(100);
    expect(readingsOf(batch).map((reading) => reading.values.power_kw)).toEqual([1, 1, 1, 2, 2, 2, 3]);
    journal.remove(batch);
    expect(journal.depth).toBe(0);
    await journal.close();
  });
});
