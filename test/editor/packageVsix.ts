// `npm run package`: production bundle, then `vsce package --no-dependencies` (the bundle holds every
// runtime dependency) to cloud-director-explorer.vsix; prints the sizes and checks that the package
// holds only what the .vscodeignore allow-list names, with no media the README does not use.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot, vsixPath } from './paths';
import { zipEntries } from './zipEntries';

/** Paths inside the vsix (under extension/) that may ship; vsce adds its manifest files at the root. */
const allowed: RegExp[] = [
  /^extension\/dist\/(extension|workbench)\.js$/,
  /^extension\/media\/.+/,
  /^extension\/syntaxes\/vcd-http\.[a-zA-Z-]+\.json$/,
  /^extension\/package\.json$/,
  // vsce writes these two in lower case.
  /^extension\/readme\.md$/i,
  /^extension\/changelog\.md$/i,
  /^extension\/LICENSE(\.txt)?$/,
  /^extension\.vsixmanifest$/,
  /^\[Content_Types\]\.xml$/,
];
/** The budget of the bundle VS Code loads at activation: 250 KiB (the workbench loads on first use). */
const BUNDLE_BUDGET_BYTES = 250 * 1024;
const required = ['extension/dist/extension.js', 'extension/dist/workbench.js', 'extension/package.json', 'extension/readme.md', 'extension/changelog.md'];

function run(command: string, args: string[]): void {
  console.log(`$ ${[command, ...args].join(' ')}`);
  const result = spawnSync(command, args, { cwd: repoRoot, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (exit ${String(result.status ?? result.signal)})`);
}

function kib(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KiB`;
}

function main(): void {
  run(process.execPath, ['esbuild.mjs', '--production']);
  const vsce = path.join(repoRoot, 'node_modules', '@vscode', 'vsce', 'vsce');
  fs.rmSync(vsixPath, { force: true });
  run(process.execPath, [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--no-rewrite-relative-links', '--out', vsixPath]);

  const entries = zipEntries(vsixPath);
  console.log(`\n${path.basename(vsixPath)} holds ${entries.length} files:`);
  for (const e of entries) console.log(`  ${e.name.padEnd(48)} ${kib(e.size).padStart(10)}`);
  const unexpected = entries.filter((e) => !allowed.some((re) => re.test(e.name)));
  const missing = required.filter((name) => !entries.some((e) => e.name.toLowerCase() === name));
  const bundle = fs.statSync(path.join(repoRoot, 'dist', 'extension.js')).size;
  const workbench = fs.statSync(path.join(repoRoot, 'dist', 'workbench.js')).size;
  console.log(`\nbundle dist/extension.js: ${kib(bundle)} (budget ${kib(BUNDLE_BUDGET_BYTES)}); dist/workbench.js, loaded on first use: ${kib(workbench)}; in all ${kib(bundle + workbench)}`);
  if (bundle > BUNDLE_BUDGET_BYTES) throw new Error(`the bundle is ${kib(bundle)}, over its budget of ${kib(BUNDLE_BUDGET_BYTES)}: ship only what runs`);
  console.log(`package ${path.basename(vsixPath)}: ${kib(fs.statSync(vsixPath).size)}`);
  if (unexpected.length > 0 || missing.length > 0) {
    if (unexpected.length > 0) console.error(`not on the allow-list: ${unexpected.map((e) => e.name).join(', ')}`);
    if (missing.length > 0) console.error(`missing: ${missing.join(', ')}`);
    throw new Error('the package does not hold exactly what .vscodeignore allows');
  }
  console.log('package contents match the allow-list');
  // Ship only the media the README or the manifest uses, and every image the README shows.
  const readme = fs.readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
  const manifest = fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8');
  const unused = entries
    .map((e) => e.name.replace(/^extension\//, ''))
    .filter((name) => name.startsWith('media/') && !readme.includes(name) && !manifest.includes(name));
  const shown = [...readme.matchAll(/\]\((media\/[^)\s]+)\)/g)].map((m) => m[1]);
  const absent = shown.filter((name) => !entries.some((e) => e.name === `extension/${name}`));
  if (unused.length > 0) throw new Error(`media that neither README.md nor package.json uses: ${unused.join(', ')}`);
  if (absent.length > 0) {
    const message = `README.md shows images the package does not hold: ${absent.join(', ')}`;
    // A new README screenshot comes from the UI run that this package is for.
    if (process.env.VCD_UPDATE_SCREENSHOTS !== '1') throw new Error(message);
    console.warn(`${message} (the UI run updating screenshots makes them)`);
  }
  console.log(`media: ${shown.length} README images, each shipped; nothing unused`);
}

try {
  main();
} catch (err) {
  console.error(`package: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}
