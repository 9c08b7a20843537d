import type { AlertWebhook } from '@zeropark/contracts';
import type { ParkRegistry } from '@zeropark/registry';
import { describe, expect, it } from 'vitest';
import { armWebhooks, webhookDeliveries } from './armed-webhooks.js';

function parkWith(webhooks: AlertWebhook[]): ReadonlyMap<string, ParkRegistry> {
  return new Map([['p1', { alerting: { rules: [], webhooks } } as unknown as ParkRegistry]]);
}
const OPS: AlertWebhook = { id: 'ops', url: 'https://pager.example.com/hook', secretEnv: 'ZP_WEBHOOK_OPS_SECRET', rules: ['b01-overload'] };

describe(armWebhooks.name, () => {
  it('should arm each webhook with the secret its variable holds', () => {
    expect(armWebhooks(parkWith([OPS]), { ZP_WEBHOOK_OPS_SECRET: 'sixteen-chars-or-more' })).toEqual([{ ...OPS, id: 'p1/ops', park: 'p1', secret: 'sixteen-chars-or-more' }]);
  });

  it('should refuse to start with a missing or short secret, naming the variable and the webhook', () => {
    expect(() => armWebhooks(parkWith([OPS]), {})).toThrow('the webhooks of the registry cannot be signed:\n  ZP_WEBHOOK_OPS_SECRET: is missing: the signing secret of webhook "ops" of park "p1"');
    expect(() => armWebhooks(parkWith([OPS]), { ZP_WEBHOOK_OPS_SECRET: 'short' })).toThrow('ZP_WEBHOOK_OPS_SECRET: needs at least 16 characters');
  });
});

describe(webhookDeliveries.name, () => {
  it("should address only the webhooks of the alert's park and rule, keyed by alert and state", () => {
    const [armed] = armWebhooks(parkWith([OPS]), { ZP_WEBHOOK_OPS_SECRET: 'sixteen-chars-or-more' });
    const alert = { id: 'b01-overload~building-B01~x', park: 'p1', rule: 'b01-overload' } as Parameters<typeof webhookDeliveries>[1];
    const transition = { from: null, to: 'firing' as const, at: 1, by: null };
    const [delivery, ...rest] = webhookDeliveries([armed!], alert, transition);
    expect(rest).toEqual([]);
    expect(delivery).toMatchObject({ webhook: 'p1/ops', key: 'b01-overload~building-B01~x.firing' });
    expect(JSON.parse(delivery!.body)).toMatchObject({ v: 1, event: 'alert.firing', park: 'p1', webhook: 'ops' });
    expect(webhookDeliveries([armed!], { ...alert, rule: 'meter-silent' }, transition)).toEqual([]);
  });
});
