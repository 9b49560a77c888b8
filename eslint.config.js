// @ts-check
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'
import reactRefresh from 'eslint-plugin-react-refresh'
import jsxA11y from 'eslint-plugin-jsx-a11y'
import vitest from '@vitest/eslint-plugin'
import prettier from 'eslint-config-prettier'
import globals from 'globals'
import { globalIgnores } from 'eslint/config'

/** Determinism bans for src/sim and src/lesson (STYLE.md §C3); each message names the replacement. */
const deterministicGlobals = [
  { name: 'Date', message: 'Use ctx.now (virtual time) instead: one seed must give one run.' },
  { name: 'setTimeout', message: 'Use the event queue (schedule a timer event) instead.' },
  { name: 'setInterval', message: 'Use the event queue (schedule a timer event) instead.' },
  {
    name: 'queueMicrotask',
    message: 'Use the event queue instead: microtask order is a hidden input.',
  },
  { name: 'requestAnimationFrame', message: 'The sim has no frames: use the event queue.' },
  { name: 'window', message: 'src/sim is headless: emit a SimEvent instead.' },
  { name: 'document', message: 'src/sim is headless: emit a SimEvent instead.' },
  { name: 'self', message: 'src/sim is headless: emit a SimEvent instead.' },
  { name: 'globalThis', message: 'src/sim is headless: pass what you need through ctx.' },
  { name: 'fetch', message: 'src/sim has no I/O: send a message through the simulated network.' },
  { name: 'localStorage', message: 'src/sim has no I/O: keep state in the sim state tree.' },
  { name: 'Promise', message: 'Synchronous steps only: anything async becomes a future event.' },
  { name: 'performance', message: 'Use ctx.now (virtual time) instead.' },
]
const deterministicProperties = [
  { object: 'Math', property: 'random', message: 'Use ctx.rng (seeded PRNG) instead.' },
  { object: 'crypto', property: 'getRandomValues', message: 'Use ctx.rng (seeded PRNG) instead.' },
  { object: 'crypto', property: 'randomUUID', message: 'Use ctx.ids / the seeded rng instead.' },
  { object: 'console', property: 'log', message: 'Emit a SimEvent instead.' },
]

/** @param {string[]} patterns @param {string} message */
const restrict = (patterns, message) => ({ group: patterns, message })

export default tseslint.config(
  globalIgnores([
    'dist',
    'dist-e2e',
    'dist-bench',
    'coverage',
    'e2e/screenshots',
    'test-results',
    'playwright-report',
  ]),
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  ...tseslint.configs.stylisticTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: {
          allowDefaultProject: [
            'vite.config.ts',
            'eslint.config.js',
            'e2e/ensure-chromium.mjs',
            'src/lesson/runner/lessons-cli.mjs',
            'src/sim/apiserver/decoding/*.mjs',
            'src/server/openapi/*.mjs',
            'src/server/protobuf/*.mjs',
          ],
        },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      eqeqeq: 'error',
      // With noUncheckedIndexedAccess an 'as T' on a checked index reads better than '!'.
      '@typescript-eslint/non-nullable-type-assertion-style': 'off',
      curly: ['error', 'multi-line'],
      'no-console': ['error', { allow: ['warn', 'error'] }],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: true },
      ],
      // `return reply(...)` ends a handler in one line; both sides are void.
      '@typescript-eslint/no-confusing-void-expression': [
        'error',
        { ignoreVoidReturningFunctions: true },
      ],
      // Sim state is plain data keyed by records (JSON- and structuredClone-friendly).
      '@typescript-eslint/no-dynamic-delete': 'off',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      'max-lines': ['warn', { max: 300, skipBlankLines: true, skipComments: true }],
      'max-lines-per-function': ['warn', { max: 80, skipBlankLines: true, skipComments: true }],
    },
  },
  {
    // Node scripts in plain JavaScript: no types to check them against.
    files: [
      'eslint.config.js',
      'src/sim/apiserver/decoding/*.mjs',
      'src/server/openapi/*.mjs',
      'src/server/protobuf/*.mjs',
    ],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: globals.node },
  },
  {
    // Generated tables (one entry per line, read by code, never edited by hand).
    files: ['**/*.generated.ts'],
    rules: { 'max-lines': 'off' },
  },
  {
    files: ['src/ui/**/*.{ts,tsx}', 'src/main.tsx'],
    extends: [reactHooks.configs.flat.recommended, jsxA11y.flatConfigs.recommended],
    plugins: { 'react-refresh': reactRefresh },
    languageOptions: { globals: globals.browser },
    rules: { 'react-refresh/only-export-components': 'error' },
  },
  {
    files: ['src/sim/**/*.ts', 'src/lesson/**/*.ts'],
    rules: {
      'no-restricted-globals': ['error', ...deterministicGlobals],
      'no-restricted-properties': ['error', ...deterministicProperties],
      'no-restricted-syntax': [
        'error',
        {
          selector: 'AwaitExpression',
          message: 'Synchronous steps only: schedule a future event.',
        },
        { selector: 'FunctionDeclaration[async=true]', message: 'No async in the sim.' },
        { selector: 'ArrowFunctionExpression[async=true]', message: 'No async in the sim.' },
        { selector: "NewExpression[callee.name='Date']", message: 'Use ctx.now (virtual time).' },
      ],
    },
  },
  {
    files: ['src/sim/**/*.ts'],
    ignores: ['**/*.test.ts', '**/*.bench.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            restrict(
              ['**/lesson/**', '**/protocol/**', '**/worker/**', '**/client/**', '**/store/**'],
              'src/sim is the bottom layer and must stay independent: move shared types into src/sim.',
            ),
            restrict(
              [
                '**/ui/**',
                '**/machines/**',
                'react',
                'react-dom',
                'd3',
                'd3-*',
                'zustand',
                'xstate',
              ],
              'src/sim must not import UI code or UI libraries.',
            ),
          ],
        },
      ],
    },
  },
  {
    files: ['src/lesson/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            restrict(
              [
                '**/worker/**',
                '**/client/**',
                '**/store/**',
                '**/ui/**',
                '**/machines/**',
                'react',
              ],
              'src/lesson is pure: import only the sim public index and yaml.',
            ),
          ],
        },
      ],
    },
  },
  {
    files: ['src/worker/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            restrict(
              ['**/client/**', '**/store/**', '**/ui/**', '**/machines/**', 'react'],
              'The worker owns the simulation and never imports main-thread code.',
            ),
          ],
        },
      ],
    },
  },
  {
    files: ['src/store/**/*.ts', 'src/machines/**/*.ts', 'src/protocol/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            restrict(
              ['react', 'react-dom', '**/ui/**'],
              'Stores, machines and protocol stay React-free.',
            ),
            restrict(['**/worker/**'], 'Only the client talks to the worker.'),
          ],
        },
      ],
    },
  },
  {
    files: ['src/ui/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              // Two exceptions, both pure: sim/printers/duration, kubectl's AGE formatter (see
              // ui/viz/age.ts), and sim/model/docs-examples, the docs' manifests the editor offers.
              regex:
                '(^|/)(sim|lesson|worker)/(?!.*types)(?!printers/duration$|model/docs-examples$).*',
              allowTypeImports: true,
              message:
                'The UI never runs the simulation: use the store and the client (type imports are fine).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.test.ts', '**/*.bench.ts'],
    plugins: { vitest },
    rules: {
      ...vitest.configs.recommended.rules,
      'max-lines': ['warn', { max: 800, skipBlankLines: true, skipComments: true }],
      'max-lines-per-function': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['**/*.bench.ts'],
    rules: {
      'no-console': 'off',
      'no-restricted-properties': 'off',
      'no-restricted-globals': 'off',
    },
  },
  {
    files: ['e2e/**/*.mjs', 'src/**/*.mjs'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: globals.node },
    rules: { 'no-console': 'off' },
  },
  {
    files: ['e2e/**/*.ts'],
    rules: { 'max-lines-per-function': 'off' },
  },
  prettier,
)
