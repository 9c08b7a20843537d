import { Controller, Get, NotFoundException, Param } from '@nestjs/common';
import type { ParkSnapshot } from '@zeropark/contracts';
import { LiveStateService } from './live-state.service.js';

/** REST under /api: the parks held and each one's live snapshot. */
@Controller('api/parks')
export class LiveController {
  constructor(private readonly live: LiveStateService) {}

  @Get()
  parks(): { parks: string[] } {
    return { parks: this.live.parkIds() };
  }

  @Get(':parkId/live')
  snapshot(@Param('parkId') parkId: string): ParkSnapshot {
    const snapshot = this.live.snapshot(parkId);
    if (snapshot === undefined) throw new NotFoundException(`no park "${parkId}"`);
    return snapshot;
  }
}
