// Bundles the extension into dist/extension.js. Type-checking is `tsc --noEmit` (npm run typecheck).
import * as esbuild from 'esbuild';
import { writeFileSync, mkdirSync } from 'node:fs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** @type {import('esbuild').BuildOptions} */
const options = {
  entryPoints: ['src/extension.ts'],
  bundle: true,
  outfile: 'dist/extension.js',
  format: 'cjs',
  platform: 'node',
  // VS Code 1.100 runs extensions on Node 20.
  target: 'node20',
  external: ['vscode'],
  sourcemap: production ? false : 'linked',
  minify: production,
  keepNames: true,
  metafile: true,
  logLevel: 'info',
  legalComments: 'none',
};

try {
  if (watch) {
    const ctx = await esbuild.context(options);
    await ctx.watch();
  } else {
    const result = await esbuild.build(options);
    mkdirSync('dist', { recursive: true });
    writeFileSync('dist/meta.json', JSON.stringify(result.metafile));
    const bytes = Object.values(result.metafile.outputs)
      .filter((o) => o.entryPoint)
      .reduce((sum, o) => sum + o.bytes, 0);
    console.log(`dist/extension.js: ${(bytes / 1024).toFixed(1)} KiB${production ? ' (production)' : ''}`);
  }
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
}
