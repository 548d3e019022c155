// The pure core (src/vcd, src/auth) must never import VS Code. `npm test` lints the tree; this test proves the lint
// rule itself is in force, so that a config change cannot silently let `vscode` into the core.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { ESLint } from 'eslint';

const repoRoot = path.resolve(__dirname, '../../..');
const importVscode = "import * as vscode from 'vscode';\nexport const version = vscode.version;\n";
const importTree = "import { SitesTreeProvider } from '../tree/sitesTreeProvider';\nexport const p = SitesTreeProvider;\n";

async function ruleIds(code: string, filePath: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: repoRoot });
  const [result] = await eslint.lintText(code, { filePath: path.join(repoRoot, filePath) });
  return result.messages.map((m) => m.ruleId ?? m.message);
}

describe('layering: the core never sees VS Code', function () {
  this.timeout(60_000);

  for (const file of ['src/vcd/client.ts', 'src/auth/tokenService.ts']) {
    it(`lint rejects a vscode import in ${file}`, async () => {
      assert.ok((await ruleIds(importVscode, file)).includes('no-restricted-imports'));
    });
  }

  it('lint rejects an import of the VS Code layer from the core', async () => {
    assert.ok((await ruleIds(importTree, 'src/vcd/client.ts')).includes('no-restricted-imports'));
  });

  it('lint rejects an import of a command from the operations', async () => {
    const importCommand = "import { refresh } from '../commands/refresh';\nexport const r = refresh;\n";
    assert.ok((await ruleIds(importCommand, 'src/operations/power.ts')).includes('no-restricted-imports'));
  });

  it('the VS Code layer may import vscode', async () => {
    assert.ok(!(await ruleIds(importVscode, 'src/tree/node.ts')).includes('no-restricted-imports'));
  });
});
