import { BadRequestException, Controller, Get, Param, Query, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { BUILDING_HISTORY_FIGURES, PARK_HISTORY_FIGURES } from '@zeropark/carbon';
import { LANGUAGES, Translator, type Language } from '@zeropark/i18n';
import { AccessGuard } from '../auth/access.guard.js';
import { historyCsv, historyCsvFileName } from './history-csv.js';
import { parseHistoryQuery, RESOLUTIONS } from './history-query.js';
import { HistoryService, type HistoryAnswer } from './history.service.js';

/** REST: the history of any figure of a park or building, over a range, at a resolution. */
@ApiTags('history')
@ApiBearerAuth()
@Controller('api/parks/:parkId/history')
@UseGuards(AccessGuard)
export class HistoryController {
  constructor(private readonly history: HistoryService) {}

  @Get()
  @ApiOperation({ summary: 'A figure over time, from the carbon series; ratios are made from each bucket\'s sums (docs/carbon-method.md)' })
  @ApiQuery({ name: 'figure', description: `Park: ${Object.keys(PARK_HISTORY_FIGURES).join(', ')}. Building: ${Object.keys(BUILDING_HISTORY_FIGURES).join(', ')}` })
  @ApiQuery({ name: 'from', description: 'ISO 8601 with an offset, or epoch ms (inclusive)' })
  @ApiQuery({ name: 'to', description: 'ISO 8601 with an offset, or epoch ms (exclusive)' })
  @ApiQuery({ name: 'resolution', required: false, enum: RESOLUTIONS, description: 'Bucket width; days and months follow the park\'s time zone (default 1h)' })
  @ApiQuery({ name: 'building', required: false, description: 'A building id: its figures instead of the park\'s' })
  @ApiOkResponse({ description: '{ park, building, figure, unit, resolution, timezone, from, to, completeThrough, points: [{ start, period?, value }] }; completeThrough: the series held every minute before it (epoch ms) when read' })
  async get(@Param('parkId') parkId: string, @Query() query: Record<string, unknown>): Promise<HistoryAnswer> {
    return (await this.read(parkId, query)).answer;
  }

  @Get('csv')
  @ApiQuery({ name: 'lang', required: false, enum: LANGUAGES, description: 'The language of its comment line and header, en (default) or zh-CN; values and times are the same in both' })
  @ApiOperation({ summary: 'The same history as a CSV file (UTF-8, RFC 4180): a first line `# complete through <ISO time on the park\'s clock> (<zone>)`, then start in UTC and in the park\'s time, period, value' })
  @ApiOkResponse({ description: 'text/csv, as an attachment named park_building_figure_firstday_lastday_resolution.csv, the days on the park\'s calendar' })
  async csv(@Param('parkId') parkId: string, @Query() query: Record<string, unknown>, @Res({ passthrough: true }) response: { setHeader(name: string, value: string): void }): Promise<string> {
    const { answer, lang } = await this.read(parkId, query);
    response.setHeader('content-type', 'text/csv; charset=utf-8');
    response.setHeader('content-disposition', `attachment; filename="${historyCsvFileName(answer)}"`);
    return historyCsv(answer, new Translator(lang));
  }

  private async read(parkId: string, query: Record<string, unknown>): Promise<{ answer: HistoryAnswer; lang: Language }> {
    const parsed = parseHistoryQuery(query);
    if (!parsed.ok) throw new BadRequestException(parsed.problems);
    return { answer: await this.history.history(parkId, parsed.query), lang: parsed.query.lang };
  }
}
