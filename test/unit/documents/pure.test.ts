// The logic behind links, hovers and the outline of raw documents stays out of VS Code's reach: lint says so.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { ESLint } from 'eslint';

describe('raw-document scanning is pure', function () {
  this.timeout(60_000);
  for (const file of ['src/documents/scan.ts', 'src/documents/hypertext.ts']) {
    it(`lint rejects a vscode import in ${file}`, async () => {
      const repoRoot = path.resolve(__dirname, '../../../..');
      const [result] = await new ESLint({ cwd: repoRoot }).lintText("import * as vscode from 'vscode';\nexport const v = vscode.version;\n", { filePath: path.join(repoRoot, file) });
      assert.ok(result.messages.some((m) => m.ruleId === 'no-restricted-imports'));
    });
  }
});
