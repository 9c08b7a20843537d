import { BadRequestException, Controller, Get, Param, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { MonthlyReport } from '@zeropark/contracts';
import { AccessGuard } from '../auth/access.guard.js';
import { MonthlyReportService } from './monthly-report.service.js';

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** REST: reports a park's energy manager hands on (the dashboard prints them). */
@ApiTags('reports')
@ApiBearerAuth()
@Controller('api/parks/:parkId/reports')
@UseGuards(AccessGuard)
export class ReportsController {
  constructor(private readonly reports: MonthlyReportService) {}

  @Get('monthly')
  @ApiOperation({ summary: 'The monthly carbon report: energy by carrier, emissions by scope (location- and market-based), intensity, KPIs, buildings, days, factor provenance' })
  @ApiQuery({ name: 'month', description: 'YYYY-MM, the calendar month in the park\'s time zone' })
  @ApiOkResponse({ description: 'MonthlyReport (libs/contracts)' })
  monthly(@Param('parkId') parkId: string, @Query('month') month: unknown): Promise<MonthlyReport> {
    if (typeof month !== 'string' || !MONTH.test(month)) throw new BadRequestException(['month: is a calendar month written YYYY-MM, e.g. 2026-11']);
    return this.reports.report(parkId, month);
  }
}
