import { Controller, Get, Inject, NotFoundException, Param, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DEFAULT_FUEL_FACTORS, ENERGY_EQUIVALENTS_SOURCE, FACTOR_TABLE_VERSION, GRID_FACTORS, KGCE_PER_UNIT, type GridFactor } from '@zeropark/carbon';
import type { ParkAccounting } from '@zeropark/contracts';
import type { ParkRegistry } from '@zeropark/registry';
import { AccessGuard } from '../auth/access.guard.js';
import { PARKS } from '../config/injection-tokens.js';
import { LiveStateService } from '../live/live-state.service.js';

/** REST: the published factor table, and the factors a park's figures use. */
@ApiTags('factors')
@ApiBearerAuth()
@Controller('api')
@UseGuards(AccessGuard)
export class FactorsController {
  constructor(
    @Inject(PARKS) private readonly parks: ReadonlyMap<string, ParkRegistry>,
    private readonly live: LiveStateService,
  ) {}

  @Get('factors')
  @ApiOperation({ summary: 'The factor table: MEE/NBS grid factors by region, year and kind, default fuel and heat factors, tce coefficients, each with its source' })
  @ApiOkResponse({ description: '{ tableVersion, grid: [{ region, year, kind, kgCo2PerKwh, source }], fuels, energyEquivalents }' })
  table(): { tableVersion: string; grid: readonly GridFactor[]; fuels: typeof DEFAULT_FUEL_FACTORS; energyEquivalents: { kgcePerUnit: typeof KGCE_PER_UNIT; source: string } } {
    return { tableVersion: FACTOR_TABLE_VERSION, grid: GRID_FACTORS, fuels: DEFAULT_FUEL_FACTORS, energyEquivalents: { kgcePerUnit: KGCE_PER_UNIT, source: ENERGY_EQUIVALENTS_SOURCE } };
  }

  @Get('parks/:parkId/factors')
  @ApiOperation({ summary: "A park's factor set: its version, region, the registry's overrides and contracts, the fuel factors in use" })
  @ApiOkResponse({ description: '{ factorSetVersion, gridRegion, accounting, fuels }' })
  park(@Param('parkId') parkId: string): { factorSetVersion: string; gridRegion: string; accounting: ParkAccounting; fuels: typeof DEFAULT_FUEL_FACTORS } {
    const registry = this.parks.get(parkId);
    const ledger = this.live.ledger(parkId);
    if (registry === undefined || ledger === undefined) throw new NotFoundException(`no park "${parkId}"`);
    return { factorSetVersion: ledger.factors.version, gridRegion: registry.topology.park.gridRegion, accounting: registry.topology.accounting, fuels: ledger.factors.fuelSources };
  }
}
