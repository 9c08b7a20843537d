import { issueAccessToken, ROLES, type Role } from '@zeropark/access';
import { readCommandLine } from '@zeropark/service-runtime';

/** `npm run issue-token`: its line, its `--help` (README.md, "Access"). */
const ISSUE_TOKEN = {
  name: 'issue-token',
  usage: 'npm run issue-token -- --subject <who> --parks <ids> [--role <role>] [--days <n>]',
  summary: 'Prints an access token signed with CARBON_TOKEN_SECRET, the secret the carbon service runs with (at least 32 characters).',
  options: {
    subject: { type: 'string', value: '<who>', description: 'Who the token is for, e.g. alice' },
    role: { type: 'string', value: '<role>', description: `What it may do: ${ROLES.join(', ')}`, default: 'viewer' },
    parks: { type: 'string', value: '<ids>', description: 'Park ids, comma-separated, or "*" for every park' },
    days: { type: 'string', value: '<n>', description: 'How many days the token lasts', default: '30' },
  },
  notes: 'Example: CARBON_TOKEN_SECRET=… npm run issue-token -- --subject alice --role viewer --parks demo-park --days 30',
} as const;

async function main(): Promise<void> {
  const { values } = readCommandLine(ISSUE_TOKEN);
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
