import { BadRequestException, Body, Controller, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AccessGrant } from '@zeropark/access';
import { describeIssues, epochMillisecondsProblem, isoTimestampProblem } from '@zeropark/contracts';
import { z } from 'zod';
import { Access, AccessGuard, RequiresRole } from '../auth/access.guard.js';
import { RestatementService, type RestatementResult } from './restatement.service.js';

const instant = z.union([z.string(), z.number()]).transform((value, ctx) => {
  const problem = typeof value === 'number' ? epochMillisecondsProblem(value) : isoTimestampProblem(value);
  if (problem !== undefined) {
    ctx.addIssue({ code: 'custom', message: problem });
    return z.NEVER;
  }
  return typeof value === 'number' ? value : Date.parse(value);
});
const restatementRequestSchema = z.strictObject({ from: instant, to: instant });

/** REST: restate a range of a park's stored history with the factors in force now (admin). */
@ApiTags('restatement')
@ApiBearerAuth()
@Controller('api/parks/:parkId/restatements')
@UseGuards(AccessGuard)
export class RestatementController {
  constructor(private readonly restatements: RestatementService) {}

  @Post()
  @HttpCode(200)
  @RequiresRole('admin')
  @ApiOperation({ summary: 'Compute a range of history again from the stored readings with the current factor set; the replaced figures stay in carbon_history with their factor version' })
  @ApiBody({ schema: { type: 'object', required: ['from', 'to'], properties: { from: { description: 'ISO 8601 with an offset, or epoch ms' }, to: { description: 'ISO 8601 with an offset, or epoch ms; at most 31 days after from, and before the live window' } } } })
  @ApiOkResponse({ description: '{ park, from, to, restatedAt, factorSetVersion, archived, written, days: [{ day, before, after }] }' })
  async restate(@Param('parkId') parkId: string, @Body() body: unknown, @Access() grant: AccessGrant): Promise<RestatementResult> {
    const parsed = restatementRequestSchema.safeParse(body);
    if (!parsed.success) throw new BadRequestException(describeIssues(parsed.error));
    return this.restatements.restate(parkId, parsed.data.from, parsed.data.to, grant.subject);
  }
}
