// ESLint flat config: type-aware typescript-eslint, the layering rule and no console in src/.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', '.vscode-test/**', '*.mjs', '**/*.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/only-throw-error': 'error',
      'no-throw-literal': 'off',
    },
  },
  {
    files: ['src/**/*.ts'],
    rules: { 'no-console': 'error' },
  },
  {
    // The pure core: the VCD client and the token service run in plain Node and never see VS Code.
    files: ['src/vcd/**/*.ts', 'src/auth/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'vscode', message: 'src/vcd and src/auth are the pure core: they must not import vscode.' }],
          patterns: [
            { group: ['**/tree/**', '**/commands/**', '**/documents/**', '**/platform/**', '**/tools', '**/tools/**', '**/extension'], message: 'The core may not depend on the VS Code layer.' },
          ],
        },
      ],
    },
  },
  {
    // Operations (power actions with their tasks) are shared by commands and chat tools: they never use either.
    files: ['src/operations/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/commands/**', '**/tools', '**/tools/**', '**/extension'], message: 'Operations are called by commands and tools; they must not depend on them.' }] },
      ],
    },
  },
  {
    // Chat tools sit beside the commands: they use operations, tree, documents, platform, auth and vcd, never a command.
    files: ['src/tools/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/commands/**', '**/extension'], message: 'Tools may not depend on commands; share code through src/operations.' }] },
      ],
    },
  },
  // The floors below commands and tools: each may use only the floors under it
  // (extension → commands/tools → operations → tree → documents → platform → auth → vcd).
  ...[
    { files: ['src/commands/**/*.ts'], below: [] },
    { files: ['src/tree/**/*.ts'], below: ['commands'] },
    { files: ['src/documents/**/*.ts'], below: ['commands', 'tree'] },
    { files: ['src/platform/**/*.ts'], below: ['commands', 'tree', 'documents'] },
  ].map(({ files, below }) => ({
    files,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/tools', '**/tools/**'], message: 'Only extension.ts and the workbench load the chat tools.' },
            ...below.map((floor) => ({ group: [`**/${floor}`, `**/${floor}/**`], message: `A lower floor may not import ${floor}/.` })),
          ],
        },
      ],
    },
  })),
  {
    // The scanning behind links, hovers and the outline of raw documents runs in plain Node tests.
    files: ['src/documents/scan.ts', 'src/documents/hypertext.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'vscode', message: 'Pure document logic: the VS Code providers are in hypertextProviders.ts.' }],
          patterns: [{ group: ['**/commands/**', '**/tree/**', '**/tools/**'], message: 'A lower floor may not import these.' }],
        },
      ],
    },
  },
  {
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unused-expressions': 'off',
    },
  },
);
