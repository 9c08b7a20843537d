import { parseArgs } from 'node:util';
import { issueAccessToken, ROLES, type Role } from '@zeropark/access';

/**
 * `npm run issue-token -- --subject alice --role viewer --parks demo-park [--days 30]`: prints an
 * access token signed with CARBON_TOKEN_SECRET (the one the carbon service runs with).
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      subject: { type: 'string' },
      role: { type: 'string', default: 'viewer' },
      parks: { type: 'string' },
      days: { type: 'string', default: '30' },
    },
  });
  const secret = process.env.CARBON_TOKEN_SECRET;
  const problems: string[] = [];
  if (secret === undefined || secret.length < 32) problems.push('CARBON_TOKEN_SECRET: set it to the secret the carbon service runs with (at least 32 characters)');
  if (values.subject === undefined) problems.push('--subject: who the token is for, e.g. --subject alice');
  if (!(ROLES as readonly string[]).includes(values.role)) problems.push(`--role: one of ${ROLES.join(', ')}`);
  if (values.parks === undefined) problems.push('--parks: park ids, comma-separated, or "*" for every park');
  const days = Number(values.days);
  if (!Number.isFinite(days) || days <= 0) problems.push('--days: how many days the token lasts, e.g. --days 30');
  if (problems.length > 0 || secret === undefined || values.subject === undefined || values.parks === undefined) {
    console.error(`issue-token:\n${problems.map((problem) => `  ${problem}`).join('\n')}`);
    process.exit(2);
  }
  const parks = values.parks.split(',').map((park) => park.trim()).filter(Boolean);
  console.log(await issueAccessToken(secret, { subject: values.subject, role: values.role as Role, parks, ttlSeconds: Math.round(days * 86_400) }));
}

void main();
