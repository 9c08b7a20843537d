import { Controller, Get, NotFoundException, Param, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ParkSnapshot, ParkTopology } from '@zeropark/contracts';
import type { ParkRegistry } from '@zeropark/registry';
import { Inject } from '@nestjs/common';
import { readableParks, type AccessGrant } from '@zeropark/access';
import { Access, AccessGuard } from '../auth/access.guard.js';
import { PARKS } from '../config/injection-tokens.js';
import { LiveStateService } from './live-state.service.js';

/** REST under /api: the parks a token names, each one's topology and live snapshot. */
@ApiTags('live')
@ApiBearerAuth()
@Controller('api/parks')
@UseGuards(AccessGuard)
export class LiveController {
  constructor(
    private readonly live: LiveStateService,
    @Inject(PARKS) private readonly registries: ReadonlyMap<string, ParkRegistry>,
  ) {}

  @Get()
  @ApiOperation({ summary: 'The parks the token names' })
  @ApiOkResponse({ description: '{ parks: string[] }' })
  parks(@Access() grant: AccessGrant): { parks: string[] } {
    return { parks: readableParks(grant, this.live.parkIds()) };
  }

  @Get(':parkId/live')
  @ApiOperation({ summary: "The park's live snapshot: the same one Socket.IO pushes (ParkSnapshot in libs/contracts)" })
  @ApiOkResponse({ description: 'ParkSnapshot' })
  snapshot(@Param('parkId') parkId: string): ParkSnapshot {
    const snapshot = this.live.snapshot(parkId);
    if (snapshot === undefined) throw new NotFoundException(`no park "${parkId}"`);
    return snapshot;
  }

  @Get(':parkId/topology')
  @ApiOperation({ summary: "The park's buildings and meters (role, building, rated power, counter behaviour), and its accounting settings" })
  @ApiOkResponse({ description: 'ParkTopology' })
  topology(@Param('parkId') parkId: string): ParkTopology {
    const registry = this.registries.get(parkId);
    if (registry === undefined) throw new NotFoundException(`no park "${parkId}"`);
    return registry.topology;
  }
}
