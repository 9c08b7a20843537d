import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';

/**
 * Between two phases of a benchmark: removes the files of the phase that ended and has the kernel
 * write out what it still holds of them, so that the next phase's fsyncs do not queue behind the
 * last phase's writeback. With 800 MB of unrelated writes still in memory, the ingest's journal
 * commits stalled its event loop for 260 ms and the p99 publish → browser rose to 413 ms
 * (docs/benchmarks.md, "live").
 */
export function settleDisk(...finishedDirs: string[]): void {
  for (const dir of finishedDirs) rmSync(dir, { recursive: true, force: true });
  execFileSync('sync');
}
