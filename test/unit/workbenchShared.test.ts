// The workbench (dist/workbench.js, loaded on first use) takes every module it shares with the main bundle from
// `workbenchShared` (src/workbenchLoader.ts). A name its files import but the main bundle does not hand over would be
// undefined at run time, in a command or a chat tool: this compares the two, name by name, with the real exports.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';
import type { workbenchShared as Shared } from '../../src/workbenchLoader';
import { requireWithoutVscode } from '../support/vscodeStub';

const repoRoot = path.join(__dirname, '..', '..', '..');

interface BuildScript {
  WORKBENCH_ONLY: RegExp;
  sharedKey(this: void, file: string): string;
}

function sourceFiles(dir: string): string[] {
  return fs
    .readdirSync(path.join(repoRoot, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .map((f) => `${dir}/${f.split(path.sep).join('/')}`);
}

/** Module key -> the value names the workbench's own files import from it (type-only imports left out). */
function importedByWorkbench(only: RegExp, sharedKey: (file: string) => string): Map<string, Set<string>> {
  const used = new Map<string, Set<string>>();
  for (const file of sourceFiles('src').filter((f) => only.test(f))) {
    const source = ts.createSourceFile(file, fs.readFileSync(path.join(repoRoot, file), 'utf8'), ts.ScriptTarget.Latest, true);
    for (const st of source.statements) {
      if (!ts.isImportDeclaration(st) || !ts.isStringLiteral(st.moduleSpecifier) || !st.moduleSpecifier.text.startsWith('.')) continue;
      const clause = st.importClause;
      if (!clause || clause.isTypeOnly) continue;
      const base = path.posix.join(path.posix.dirname(file), st.moduleSpecifier.text);
      const target = fs.existsSync(path.join(repoRoot, `${base}.ts`)) ? `${base}.ts` : `${base}/index.ts`;
      if (only.test(target)) continue;
      const names = used.get(sharedKey(target)) ?? new Set<string>();
      used.set(sharedKey(target), names);
      assert.ok(clause.namedBindings && ts.isNamedImports(clause.namedBindings) && !clause.name, `${file}: import names from ${st.moduleSpecifier.text}, not the whole module`);
      for (const el of clause.namedBindings.elements) if (!el.isTypeOnly) names.add((el.propertyName ?? el.name).text);
    }
  }
  return used;
}

describe('the workbench and the main bundle share one copy of each module', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const script = require(path.join(repoRoot, 'esbuild.mjs')) as BuildScript;
  const used = importedByWorkbench(script.WORKBENCH_ONLY, script.sharedKey);
  const { workbenchShared } = requireWithoutVscode(path.join(repoRoot, 'out', 'src', 'workbenchLoader')) as { workbenchShared: typeof Shared };

  it('hands the workbench every name its files import, as the module itself exports it', () => {
    assert.ok(used.size > 5, 'the workbench imports from the main bundle');
    for (const [key, names] of used) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const real = require(path.join(repoRoot, 'out', 'src', key)) as Record<string, unknown>;
      for (const name of names) {
        assert.ok(name in (workbenchShared[key] ?? {}), `workbenchShared['${key}'] lacks ${name}`);
        assert.equal(workbenchShared[key][name], real[name], `${key}.${name} is the module's own`);
      }
    }
  });

  it('hands over nothing the workbench does not import (the main bundle would keep it for nothing)', () => {
    for (const [key, names] of Object.entries(workbenchShared)) {
      assert.deepEqual(Object.keys(names).sort(), [...(used.get(key) ?? [])].sort(), key);
    }
  });
});
