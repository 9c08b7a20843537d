import { defineConfig, type ViteUserConfig } from 'vitest/config';

/**
 * One vitest setup for every project: specs sit beside the code (`src/**\/*.spec.ts`), and
 * `@zeropark/*` libs resolve to their TypeScript source through the `@zeropark/source`
 * export condition, so a spec never needs a lib built first.
 */
export function defineProjectConfig(root: string, overrides: ViteUserConfig['test'] = {}): ViteUserConfig {
  const conditions = ['@zeropark/source'];
  return defineConfig({
    root,
    resolve: { conditions: [...conditions, 'module', 'node', 'import', 'default'] },
    ssr: { resolve: { conditions: [...conditions, 'node', 'import', 'default'], externalConditions: conditions } },
    test: {
      include: ['src/**/*.spec.ts'],
      passWithNoTests: false,
      ...overrides,
    },
  });
}
