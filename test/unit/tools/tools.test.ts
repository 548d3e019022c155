// The chat tools without an editor: their contract in package.json (names, descriptions, schemas, tags), the layering
// rule that keeps them beside the commands, and how they put server text in front of a model (one line per fact, no
// Markdown escapes, nothing that forges a line).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as assert from 'node:assert/strict';
import { ESLint } from 'eslint';
import type { Site } from '../../../src/platform/settings';
import { describe as describeEntity, plain } from '../../../src/tools/describe';
import { clean } from '../../../src/tools/shared';
import { POWER_ACTIONS, type VmRecord } from '../../../src/vcd';

interface ToolContribution {
  name: string;
  displayName: string;
  toolReferenceName: string;
  canBeReferencedInPrompt: boolean;
  userDescription: string;
  modelDescription: string;
  tags: string[];
  inputSchema: { type: string; required?: string[]; properties: Record<string, { type: string; enum?: string[] }> };
}
const repoRoot = join(__dirname, '../../../..');
const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { contributes: { languageModelTools: ToolContribution[] } };
const tools = pkg.contributes.languageModelTools;

describe('chat tools: the contract in package.json', () => {
  it('contributes exactly the six vcd_ tools, each referable in a prompt, described for the model and the user, and tagged', () => {
    assert.deepEqual(tools.map((t) => t.name), ['vcd_listSites', 'vcd_findVms', 'vcd_describe', 'vcd_listTasks', 'vcd_getApi', 'vcd_powerAction']);
    for (const t of tools) {
      assert.equal(t.canBeReferencedInPrompt, true, t.name);
      assert.match(t.toolReferenceName, /^vcd[A-Z]\w+$/, t.name);
      assert.ok(t.displayName && t.userDescription && t.modelDescription.length > 100, t.name);
      assert.ok(t.tags.includes('vcd'), t.name);
      assert.equal(t.inputSchema.type, 'object', t.name);
      for (const key of t.inputSchema.required ?? []) assert.ok(key in t.inputSchema.properties, `${t.name}: required ${key} is declared`);
    }
    assert.equal(new Set(tools.map((t) => t.toolReferenceName)).size, tools.length, 'reference names are unique');
  });

  it('marks every tool read-only but the power tool, whose actions are exactly the core’s', () => {
    for (const t of tools) assert.equal(t.tags.includes('read-only'), t.name !== 'vcd_powerAction', t.name);
    const power = tools.find((t) => t.name === 'vcd_powerAction')!;
    assert.deepEqual(power.inputSchema.properties.action.enum, [...POWER_ACTIONS]);
    assert.deepEqual(power.inputSchema.required, ['action']);
  });
});

describe('chat tools: layering', function () {
  this.timeout(60_000);
  async function ruleIds(code: string, filePath: string): Promise<string[]> {
    const eslint = new ESLint({ cwd: repoRoot });
    const [result] = await eslint.lintText(code, { filePath: join(repoRoot, filePath) });
    return result.messages.map((m) => m.ruleId ?? m.message);
  }

  it('lint rejects a command imported by a tool, and a tool imported by anything but extension.ts', async () => {
    assert.ok((await ruleIds("import { findVm } from '../commands/findVm';\nexport const f = findVm;\n", 'src/tools/findVms.ts')).includes('no-restricted-imports'));
    for (const file of ['src/commands/findVm.ts', 'src/tree/vmNode.ts', 'src/operations/power.ts', 'src/vcd/client.ts']) {
      const code = "import { createTools } from '../tools';\nexport const c = createTools;\n";
      assert.ok((await ruleIds(code, file)).includes('no-restricted-imports'), file);
    }
  });

  it('a tool may use the operations, the tree and the core', async () => {
    const code = "import { summarize } from '../operations/power';\nimport { vmTooltip } from '../tree/present';\nimport { findVms } from '../vcd';\nexport const x = [summarize, vmTooltip, findVms];\n";
    assert.ok(!(await ruleIds(code, 'src/tools/findVms.ts')).includes('no-restricted-imports'));
  });
});

describe('chat tools: server text for a model', () => {
  const site = { id: 'acme@vcd.example.com', name: 'prod', url: 'https://vcd.example.com', baseUrl: 'https://vcd.example.com', org: 'acme', isSystem: false } as Site;

  it('clean() makes one line of at most the length asked for', () => {
    assert.equal(clean('a\nb\r\nc\u2028d\u0000e'), 'a b c d e');
    assert.equal(clean('x'.repeat(500)).length, 200);
    assert.equal(clean(undefined), '');
  });

  it('a VM is its tooltip as plain lines: names with Markdown characters as they are, a newline in a name cannot forge a line', () => {
    const vm: VmRecord = {
      kind: 'vm', href: 'https://vcd.example.com/api/vApp/vm-1', name: 'db (primary) *1*_[x]', status: 'POWERED_ON', isVAppTemplate: false,
      guestOs: 'Ubuntu Linux (64-bit)', numberOfCpus: 2, memoryMB: 4096, ipAddress: '10.0.0.5', containerName: 'web\nState: Deleted', vdcName: 'Dev & Test (EU); zone, *',
      vmToolsStatus: 'toolsNotRunning',
    };
    assert.equal(describeEntity({ site, record: vm, orgName: 'acme' }), [
      'VM “db (primary) *1*_[x]” on site “prod”',
      'State: Powered on',
      'Guest OS: Ubuntu Linux (64-bit)',
      'CPUs: 2',
      'Memory: 4 GB',
      'IP address: 10.0.0.5',
      'vApp: web State: Deleted',
      'VDC: Dev & Test (EU); zone, *',
      'Organization: acme',
      'href: https://vcd.example.com/api/vApp/vm-1',
      'Power actions its state allows: Power Off, Reset, Suspend',
    ].join('\n'));
  });

  it('plain() reads a tooltip back: headings and bold markers go, escapes are undone', () => {
    assert.deepEqual(plain('### a\\.b\n\n**State:** x\\\\y  \n**Owner:** \\*me\\*'), ['a.b', 'State: x\\y', 'Owner: *me*']);
  });
});
