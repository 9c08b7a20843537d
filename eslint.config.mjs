// Lint for every project: typescript-eslint's recommended rules, and Nx module boundaries as an
// error. Tags (in each package.json) say what a project is and whom it serves; the constraints
// below say what it may import. Pure libs (type:domain) may not import any I/O package.
import nx from '@nx/eslint-plugin';
import jsoncParser from 'jsonc-eslint-parser';
import tseslint from 'typescript-eslint';

const IO_PACKAGES = [
  'mqtt', 'aedes', 'aedes-*', '@influxdata/*', '@nestjs/*', 'better-sqlite3', 'socket.io', 'socket.io-client',
  'pino', 'prom-client', 'yaml', 'express', 'ws', 'undici',
];
// Node's own I/O modules are not in the Nx graph, so the boundary rule cannot see them.
const IO_BUILTINS = ['fs', 'fs/promises', 'net', 'http', 'https', 'http2', 'child_process', 'dgram', 'worker_threads', 'cluster', 'tls', 'dns'];
const PURE_LIBS = ['libs/contracts', 'libs/carbon', 'libs/alerts', 'libs/access', 'libs/i18n'];

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '**/.nx/**', '**/coverage/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.mjs'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: 'error',
    },
  },
  {
    // What a project's source may import; config files at a project's root are tooling.
    files: ['**/src/**/*.ts'],
    plugins: { '@nx': nx },
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: true,
          allow: [],
          depConstraints: [
            { sourceTag: 'type:domain', onlyDependOnLibsWithTags: ['type:domain'], bannedExternalImports: IO_PACKAGES },
            // type:testing (real servers for specs) is imported by specs only
            { sourceTag: 'type:data-access', onlyDependOnLibsWithTags: ['type:domain', 'type:data-access', 'type:testing'] },
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:domain', 'type:data-access', 'type:testing'] },
            { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['type:domain', 'type:data-access', 'type:testing'] },
            { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:domain', 'type:data-access'] },
            { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
            { sourceTag: 'scope:ingest', onlyDependOnLibsWithTags: ['scope:ingest', 'scope:shared'] },
            { sourceTag: 'scope:carbon', onlyDependOnLibsWithTags: ['scope:carbon', 'scope:shared'] },
          ],
        },
      ],
    },
  },
  {
    // Pure libs: no file, network or process I/O in their code (their specs may read fixtures).
    files: PURE_LIBS.map((lib) => `${lib}/src/**/*.ts`),
    ignores: ['**/*.spec.ts', '**/*.fixture.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: IO_BUILTINS.flatMap((name) => [name, `node:${name}`]).map((name) => ({ name, message: 'pure libs do no I/O (docs/architecture.md, "Module boundaries"); do it in an app or a data-access lib' })) },
      ],
    },
  },
  {
    // A package a project's run-time code imports must be in that project's `dependencies`, at
    // the version installed (exact, as package-lock.json has it); npm's hoisting would otherwise
    // hide a missing one until the project is installed alone (deploy/'s image). Run-time code
    // is what the build takes (nx.json's `production`: no *.spec.ts) less what tsconfig.lib.json
    // and tsconfig.app.json leave out of dist (*.fixture.ts) and the test runner's and
    // bundler's own configs: those may use devDependencies. `test` (type:e2e) ships nothing,
    // every file of it is a test, so its package.json is not checked.
    files: ['**/package.json'],
    ignores: ['test/package.json'],
    languageOptions: { parser: jsoncParser },
    plugins: { '@nx': nx },
    rules: {
      '@nx/dependency-checks': [
        'error',
        {
          ignoredFiles: ['{projectRoot}/**/*.fixture.ts', '{projectRoot}/vitest.config.ts', '{projectRoot}/vite.config.ts'],
        },
      ],
    },
  },
  {
    // Nest resolves constructor parameters through emitted metadata: an `import type` of an
    // injected class would erase the token, so the type-only import rule stays off there.
    files: ['apps/carbon/**/*.ts'],
    rules: { '@typescript-eslint/consistent-type-imports': 'off' },
  },
);
