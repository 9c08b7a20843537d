/** One thing wrong in a registry file, placed so a person can find it. */
export interface RegistryProblem {
  file: string;
  /** 1-based line and column in the file; absent when the problem has no single place. */
  line?: number;
  column?: number;
  /** Where in the document, e.g. `meters[2].role`. */
  path: string;
  reason: string;
}

export function formatProblem(problem: RegistryProblem): string {
  const place = problem.line === undefined ? problem.file : `${problem.file}:${problem.line}:${problem.column ?? 1}`;
  return problem.path === '' ? `${place}: ${problem.reason}` : `${place}: ${problem.path}: ${problem.reason}`;
}

/** Thrown when a registry cannot be used; its message lists every problem, one per line. */
export class RegistryError extends Error {
  constructor(readonly problems: readonly RegistryProblem[]) {
    super(`the park registry has ${problems.length} problem${problems.length === 1 ? '' : 's'}:\n${problems.map((problem) => `  ${formatProblem(problem)}`).join('\n')}`);
    this.name = 'RegistryError';
  }
}
