import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { defineConfig, type ViteUserConfig } from 'vitest/config';

const LIBS = join(import.meta.dirname, 'libs');

/**
 * One vitest setup for every project: specs sit beside the code (`src/**\/*.spec.ts`), and
 * `@zeropark/<lib>` resolves to the lib's TypeScript source, so a spec never needs a lib built
 * first (the same mapping the `@zeropark/source` export condition gives TypeScript).
 */
export function defineProjectConfig(root: string, overrides: ViteUserConfig['test'] = {}): ViteUserConfig {
  const alias = readdirSync(LIBS).map((lib) => ({ find: `@zeropark/${lib}`, replacement: join(LIBS, lib, 'src/index.ts') }));
  return defineConfig({
    root,
    resolve: { alias },
    test: {
      include: ['src/**/*.spec.ts'],
      passWithNoTests: false,
      globalSetup: [join(import.meta.dirname, 'vitest.temporary-folder.ts')],
      ...overrides,
    },
  });
}
