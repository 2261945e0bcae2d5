import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * The layers of src/, enforced: each entry is an import a directory must not make. A relative
 * import is matched by the directory it reaches (`../repositories/x`, `../../db/client`).
 */
const reaches = (...dirs) => `^(\\.{1,2}/)+(${dirs.join('|')})(/|$)`;
const forbid = (regex, message, allowTypeImports = false) => ({ regex, message, allowTypeImports });

const SQL = forbid('^(kysely|pg)$', 'Only src/repositories and src/db build SQL: add a repository function.', true);
const STORAGE = forbid(reaches('db', 'repositories'), 'The database is reached through services and their repositories.');
const QUEUES = forbid('^(bullmq|ioredis)$', 'Queues live in src/jobs, behind a port the caller is given.');
const LISTENERS = forbid(reaches('actions', 'commands', 'events', 'views'), 'Listeners and views sit above this layer.');

/** Per directory of src/ (outside repositories/ and db/), what it must not import. */
const layers = {
  domain: [
    STORAGE,
    QUEUES,
    forbid('^@slack/', 'Domain code never imports Slack.'),
    forbid(reaches('services', 'jobs', 'slack', 'embedded'), 'Domain code is pure: no services, jobs or adapters.'),
    LISTENERS,
  ],
  services: [
    QUEUES,
    forbid('^@slack/(bolt|web-api|socket-mode)$', 'Services talk to Slack through the ports in services/ports.ts.'),
    forbid(reaches('jobs', 'slack'), 'Services are given their queue and Slack ports; they do not import them.'),
    LISTENERS,
  ],
  commands: [forbid(reaches('actions'), 'Commands do not import actions: share the code through views/ or a service.')],
  views: [
    STORAGE,
    QUEUES,
    forbid(reaches('jobs'), 'Views render; they do not queue work.'),
    // Types from services are what views render; a value import would pull the I/O in.
    forbid(reaches('services'), 'Views do no I/O: import only types from services.', true),
  ],
};
const SQL_BUILDING = {
  selector: 'CallExpression[callee.property.name=/^(selectFrom|insertInto|updateTable|deleteFrom|mergeInto|replaceInto|selectNoFrom)$/]',
  message: 'Only src/repositories and src/db build SQL: add a repository function.',
};

const architecture = [
  {
    files: ['src/**/*.ts'],
    ignores: ['src/repositories/**', 'src/db/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [SQL] }], 'no-restricted-syntax': ['error', SQL_BUILDING] },
  },
  ...Object.entries(layers).map(([dir, patterns]) => ({
    files: [`src/${dir}/**/*.ts`],
    rules: { 'no-restricted-imports': ['error', { patterns: [SQL, ...patterns] }] },
  })),
];

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'data/', 'coverage/', 'test-results/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-console': 'error',
    },
  },
  ...architecture,
  { files: ['**/*.js', '**/*.cjs'], languageOptions: { sourceType: 'commonjs', globals: { module: 'writable', require: 'readonly' } } },
  { files: ['bench/**', 'faults/**', 'eval/**', 'src/db/migrate-cli.ts', 'src/delete-workspace-cli.ts'], rules: { 'no-console': 'off' } },
  {
    // The sandbox page's script runs in the browser, as a module.
    files: ['sandbox/web/public/**/*.js'],
    languageOptions: {
      sourceType: 'module',
      globals: Object.fromEntries(
        ['document', 'window', 'history', 'location', 'fetch', 'EventSource', 'Element', 'HTMLFormElement', 'setTimeout', 'clearTimeout'].map((name) => [name, 'readonly']),
      ),
    },
  },
);
