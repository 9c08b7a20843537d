/** How figures read on the dashboard; pure, so the rules are specified once. */

export function formatNumber(value: number | null, fractionDigits = 1): string {
  if (value === null || !Number.isFinite(value)) return '–';
  return value.toLocaleString('en-US', { minimumFractionDigits: fractionDigits, maximumFractionDigits: fractionDigits });
}

export function formatShare(share: number | null): string {
  return share === null ? '–' : `${(share * 100).toFixed(1)} %`;
}

/** "12 s ago", "3 min ago", "2 h ago"; "no reading yet" before the first. */
export function formatAge(lastReadingAt: number | null, now: number): string {
  if (lastReadingAt === null) return 'no reading yet';
  const seconds = Math.max(0, Math.round((now - lastReadingAt) / 1000));
  if (seconds < 60) return `${seconds} s ago`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ago`;
  return `${Math.floor(seconds / 3600)} h ago`;
}
