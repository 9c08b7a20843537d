import { ConfigError } from '@zeropark/contracts';
import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { runService } from './run-service.js';

function fakeProcess() {
  const events = new EventEmitter();
  const exit = vi.fn();
  return { events, exit, process: { on: (event: 'SIGINT' | 'SIGTERM' | 'disconnect', listener: () => void) => events.on(event, listener), exit } };
}

describe(runService.name, () => {
  it('should end with code 2 and the list of problems when the configuration is bad', async () => {
    const { process, exit } = fakeProcess();
    const error = vi.fn();
    await runService('ingest', () => Promise.reject(new ConfigError(['INGEST_MQTT_PORT: Invalid input'])), { process, error });
    expect(error).toHaveBeenCalledWith('ingest: the configuration has 1 problem:\n  INGEST_MQTT_PORT: Invalid input');
    expect(exit).toHaveBeenCalledWith(2);
  });

  it('should stop once on SIGINT, however many signals come, then exit 0', async () => {
    const { process, exit, events } = fakeProcess();
    const stop = vi.fn(() => Promise.resolve());
    await runService('carbon', async () => ({ stop, log: () => undefined }), { process, error: vi.fn() });
    events.emit('SIGINT');
    events.emit('SIGTERM');
    events.emit('disconnect');
    await vi.waitFor(() => expect(exit).toHaveBeenCalledWith(0));
    expect(stop).toHaveBeenCalledTimes(1);
  });

  it('should stop when the launcher is gone', async () => {
    const { process, exit, events } = fakeProcess();
    const log = vi.fn();
    await runService('carbon', async () => ({ stop: () => Promise.resolve(), log }), { process, error: vi.fn() });
    events.emit('disconnect');
    await vi.waitFor(() => expect(exit).toHaveBeenCalledWith(0));
    expect(log).toHaveBeenCalledWith({ reason: 'launcher gone' }, 'stopping');
  });

  it('should exit 1 when stopping failed', async () => {
    const { process, exit, events } = fakeProcess();
    await runService('ingest', async () => ({ stop: () => Promise.reject(new Error('disk gone')), log: () => undefined }), { process, error: vi.fn() });
    events.emit('SIGTERM');
    await vi.waitFor(() => expect(exit).toHaveBeenCalledWith(1));
  });
});
