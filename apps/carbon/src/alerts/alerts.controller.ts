import { BadRequestException, Body, ConflictException, Controller, Delete, Get, HttpCode, Inject, NotFoundException, Param, Post, Put, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { AccessGrant } from '@zeropark/access';
import { describeIssues, type Alert, type AlertRule, type RuleMute } from '@zeropark/contracts';
import { Access, AccessGuard, RequiresRole } from '../auth/access.guard.js';
import { CLOCK, type Clock } from '../config/injection-tokens.js';
import { muteRequestSchema, parseAlertsQuery } from './alerts-query.js';
import { AlertsService, type AlertActionResult } from './alerts.service.js';

/** REST: a park's alerts (list with filters, acknowledge) and its rules (list, mute). */
@ApiTags('alerts')
@ApiBearerAuth()
@Controller('api/parks/:parkId')
@UseGuards(AccessGuard)
export class AlertsController {
  constructor(
    private readonly alerts: AlertsService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get('alerts')
  @ApiOperation({ summary: 'Alerts open at any time in a range, each as it stands now (Alert in libs/contracts), newest first' })
  @ApiQuery({ name: 'state', required: false, description: 'Comma-separated: firing, acknowledged, resolved' })
  @ApiQuery({ name: 'severity', required: false, description: 'Comma-separated: info, minor, major, critical' })
  @ApiQuery({ name: 'from', required: false, description: 'ISO 8601 with an offset, or epoch ms; 7 days before `to` when absent' })
  @ApiQuery({ name: 'to', required: false, description: 'ISO 8601 with an offset, or epoch ms (exclusive); now when absent' })
  @ApiOkResponse({ description: '{ alerts: Alert[] }' })
  async list(@Param('parkId') parkId: string, @Query() query: Record<string, unknown>): Promise<{ alerts: Alert[] }> {
    const parsed = parseAlertsQuery(query, this.clock());
    if (!parsed.ok) throw new BadRequestException(parsed.problems);
    const alerts = await this.alerts.list(parkId, parsed.filter);
    if (alerts === undefined) throw new NotFoundException(`no park "${parkId}"`);
    return { alerts };
  }

  @Post('alerts/:alertId/acknowledge')
  @HttpCode(200)
  @RequiresRole('operator')
  @ApiOperation({ summary: 'Acknowledge an open alert (operator or admin); the token\'s subject is recorded as who' })
  @ApiOkResponse({ description: 'The alert, acknowledged. 404: not open; 409: already acknowledged' })
  async acknowledge(@Param('parkId') parkId: string, @Param('alertId') alertId: string, @Access() grant: AccessGrant): Promise<Alert> {
    return valueOf(await this.alerts.acknowledge(parkId, alertId, grant));
  }

  @Get('alert-rules')
  @ApiOperation({ summary: 'The park\'s alert rules from its registry, each with the end of its mute (null when not muted)' })
  @ApiOkResponse({ description: '{ rules: [{ rule: AlertRule, mutedUntil: number | null }] }' })
  rules(@Param('parkId') parkId: string): { rules: { rule: AlertRule; mutedUntil: number | null }[] } {
    const rules = this.alerts.rules(parkId);
    if (rules === undefined) throw new NotFoundException(`no park "${parkId}"`);
    return { rules };
  }

  @Put('alert-rules/:ruleId/mute')
  @RequiresRole('operator')
  @ApiOperation({ summary: 'Mute a rule for some minutes (operator or admin): it raises no new alert until then' })
  @ApiBody({ schema: { type: 'object', required: ['minutes', 'reason'], properties: { minutes: { type: 'integer', minimum: 1, maximum: 43200 }, reason: { type: 'string' } } } })
  @ApiOkResponse({ description: 'RuleMute: { park, rule, at, until, by, reason }' })
  async mute(@Param('parkId') parkId: string, @Param('ruleId') ruleId: string, @Body() body: unknown, @Access() grant: AccessGrant): Promise<RuleMute> {
    const parsed = muteRequestSchema.safeParse(body);
    if (!parsed.success) throw new BadRequestException(describeIssues(parsed.error));
    return valueOf(await this.alerts.mute(parkId, ruleId, parsed.data.minutes, parsed.data.reason, grant));
  }

  @Delete('alert-rules/:ruleId/mute')
  @RequiresRole('operator')
  @ApiOperation({ summary: 'Lift a rule\'s mute now (operator or admin)' })
  @ApiOkResponse({ description: 'RuleMute ending now' })
  async unmute(@Param('parkId') parkId: string, @Param('ruleId') ruleId: string, @Access() grant: AccessGrant): Promise<RuleMute> {
    return valueOf(await this.alerts.mute(parkId, ruleId, 0, 'mute lifted', grant));
  }
}

function valueOf<T>(result: AlertActionResult<T>): T {
  if (result.ok) return result.value;
  throw result.status === 409 ? new ConflictException(result.reason) : new NotFoundException(result.reason);
}
