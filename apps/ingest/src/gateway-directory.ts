import type { GatewayAccount, ParkRegistry } from '@zeropark/registry';

/**
 * Finds a gateway by its MQTT username: `park/gateway` always, or the bare gateway id when no
 * other park has a gateway of that id.
 */
export class GatewayDirectory {
  private readonly byQualifiedId = new Map<string, GatewayAccount>();
  private readonly byId = new Map<string, GatewayAccount[]>();

  constructor(readonly parks: ReadonlyMap<string, ParkRegistry>) {
    for (const registry of parks.values()) {
      for (const account of registry.gateways.values()) {
        this.byQualifiedId.set(`${account.parkId}/${account.id}`, account);
        this.byId.set(account.id, [...(this.byId.get(account.id) ?? []), account]);
      }
    }
  }

  find(username: string): GatewayAccount | undefined {
    if (username.includes('/')) return this.byQualifiedId.get(username);
    const accounts = this.byId.get(username);
    return accounts?.length === 1 ? accounts[0] : undefined;
  }

  /**
   * The gateways a client id names: the one of `park/gateway`, or every gateway of a bare id
   * (each of two parks' gateways of one id may use it; the broker keeps their sessions apart).
   */
  namedBy(clientId: string): readonly GatewayAccount[] {
    if (clientId.includes('/')) {
      const account = this.byQualifiedId.get(clientId);
      return account === undefined ? [] : [account];
    }
    return this.byId.get(clientId) ?? [];
  }
}
