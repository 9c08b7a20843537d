import { describe, expect, it } from 'vitest';
import { transition } from './alert-lifecycle.js';

describe(transition.name, () => {
  it('should let an operator acknowledge a firing alert, naming who and when', () => {
    expect(transition('firing', { type: 'acknowledge', by: 'op-li', at: 5 })).toEqual({
      ok: true,
      transition: { from: 'firing', to: 'acknowledged', at: 5, by: 'op-li' },
    });
  });

  it('should resolve an acknowledged alert when the condition clears', () => {
    expect(transition('acknowledged', { type: 'clear', at: 9 })).toEqual({
      ok: true,
      transition: { from: 'acknowledged', to: 'resolved', at: 9, by: null },
    });
  });

  it('should resolve a firing alert nobody acknowledged', () => {
    expect(transition('firing', { type: 'clear', at: 9 })).toMatchObject({ ok: true, transition: { to: 'resolved' } });
  });

  it('should not acknowledge twice', () => {
    expect(transition('acknowledged', { type: 'acknowledge', by: 'op-wang', at: 7 })).toEqual({ ok: false, reason: 'the alert is already acknowledged' });
  });

  it('should leave a resolved alert resolved', () => {
    expect(transition('resolved', { type: 'acknowledge', by: 'op-li', at: 7 })).toEqual({ ok: false, reason: 'the alert is already resolved' });
    expect(transition('resolved', { type: 'clear', at: 7 })).toEqual({ ok: false, reason: 'the alert is already resolved' });
  });
});
