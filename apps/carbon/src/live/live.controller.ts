import { Controller, Get, NotFoundException, Param, UseGuards } from '@nestjs/common';
import type { ParkSnapshot, ParkTopology } from '@zeropark/contracts';
import type { ParkRegistry } from '@zeropark/registry';
import { Inject } from '@nestjs/common';
import { readableParks, type AccessGrant } from '@zeropark/access';
import { Access, AccessGuard } from '../auth/access.guard.js';
import { PARKS } from '../config/injection-tokens.js';
import { LiveStateService } from './live-state.service.js';

/** REST under /api: the parks a token names, each one's topology and live snapshot. */
@Controller('api/parks')
@UseGuards(AccessGuard)
export class LiveController {
  constructor(
    private readonly live: LiveStateService,
    @Inject(PARKS) private readonly registries: ReadonlyMap<string, ParkRegistry>,
  ) {}

  @Get()
  parks(@Access() grant: AccessGrant): { parks: string[] } {
    return { parks: readableParks(grant, this.live.parkIds()) };
  }

  @Get(':parkId/live')
  snapshot(@Param('parkId') parkId: string): ParkSnapshot {
    const snapshot = this.live.snapshot(parkId);
    if (snapshot === undefined) throw new NotFoundException(`no park "${parkId}"`);
    return snapshot;
  }

  @Get(':parkId/topology')
  topology(@Param('parkId') parkId: string): ParkTopology {
    const registry = this.registries.get(parkId);
    if (registry === undefined) throw new NotFoundException(`no park "${parkId}"`);
    return registry.topology;
  }
}
