import type { LoadPark } from '../support/load-park.js';
import type { BenchPlatform } from './bench-platform.js';
import { percentile } from './closed-loop-publisher.js';
import { measureRawWsFanout, measureSocketIoFanout, SOCKET_IO_PING_INTERVAL_MS, type Fanout } from './dashboard-fanout.js';

/** One round of the dashboards phase: the three servers, measured one after the other. */
export interface FanoutRound {
  socketIo: Fanout;
  /** The bare `ws` server pinging every client as often as Socket.IO does. */
  raw: Fanout;
  /** The bare `ws` server with no heartbeat. */
  rawBare: Fanout;
}

export interface FanoutRounds {
  rounds: FanoutRound[];
  /** Seconds each server was measured in each round: a whole number of heartbeat intervals. */
  windowSeconds: number;
  /** Frame bytes the carbon service pushed, which the raw servers send too. */
  frameBytes: number;
}

/**
 * The measured window of each server: the whole heartbeat intervals nearest to `seconds`, at
 * least one. Each client is pinged once an interval, so such a window holds each client's ping
 * exactly once an interval, whenever it starts: the heartbeat counts at the rate it runs at for
 * days. A 15 s window holds each client's ping once or not at all (10 000 pings in 15 s is 1.7
 * times that rate, or none), depending only on when the clients happened to connect.
 */
export function heartbeatWindowSeconds(seconds: number): number {
  const intervalSeconds = SOCKET_IO_PING_INTERVAL_MS / 1000;
  return intervalSeconds * Math.max(1, Math.round(seconds / intervalSeconds));
}

/**
 * The carbon service, the bare `ws` server with Socket.IO's heartbeat and the one with none, each
 * holding `clients` dashboards at 1 Hz, measured in turn, `rounds` times over. This machine's
 * speed drifts over minutes (other work on its host): one 15 s window of a bare `ws` server gave
 * 14.7 % of a core in one run and 19.3 % in the next. Servers measured in the same round are
 * minutes apart at most, so a round's ratios are the fairest comparison; each figure is the
 * median of the rounds' (a ratio: of the rounds' ratios), with every round's beside it.
 */
export async function measureFanoutRounds(platform: BenchPlatform, park: LoadPark, dir: string, options: { clients: number; seconds: number; rounds: number; progress(text: string): void }): Promise<FanoutRounds> {
  const windowSeconds = heartbeatWindowSeconds(options.seconds);
  const rounds: FanoutRound[] = [];
  let frameBytes = 0;
  for (let round = 1; round <= options.rounds; round += 1) {
    options.progress(`3/4 round ${round}/${options.rounds}: the carbon service, ${options.clients} dashboards, ${windowSeconds} s`);
    const socketIo = await measureSocketIoFanout(platform, park, options.clients, windowSeconds);
    frameBytes = Buffer.byteLength(socketIo.frame);
    options.progress(`3/4 round ${round}/${options.rounds}: raw ws pinging as Socket.IO does, then raw ws with no heartbeat`);
    const raw = await measureRawWsFanout(dir, socketIo.frame, options.clients, windowSeconds, SOCKET_IO_PING_INTERVAL_MS);
    const rawBare = await measureRawWsFanout(dir, socketIo.frame, options.clients, windowSeconds, 0);
    rounds.push({ socketIo, raw, rawBare });
  }
  return { rounds, windowSeconds, frameBytes };
}

/** Frames per CPU-second: what a server gets out of a core. */
export function framesPerCpuSecond(fanout: Fanout): number {
  return fanout.framesPerSecond / fanout.cores;
}

/** The middle value of the rounds (with an odd number of rounds, one round's own). */
export function median(values: number[]): number {
  return percentile(values, 50);
}
