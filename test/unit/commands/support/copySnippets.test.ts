// What Copy as curl, Copy as PowerShell and Copy as Terraform import put on the clipboard, checked the way a shell
// reads it: bash and dash (POSIX sh) parse each copied line with stand-in functions for curl, jq and terraform that
// print the arguments they receive. Names come from the server, so they are as hostile as a name can be.
import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { posixQuote, powerShellQuote } from '../../../../src/commands/support/shellQuote';
import { curlSnippet, powerShellSnippet } from '../../../../src/commands/support/requestSnippet';
import { importSeparator, terraformImport, terraformLocalName } from '../../../../src/commands/support/terraformImport';

const SHELLS = ['bash', 'dash'];

/** The shell with no start-up files (a person's ~/.bashrc is not part of the test). */
function shellArgs(shell: string, script: string): string[] {
  return shell === 'bash' ? ['--norc', '--noprofile', '-c', script] : ['-c', script];
}

/** Runs `script` in a shell with `env`; returns the NUL-separated words it printed. */
function run(shell: string, script: string, env: Record<string, string> = {}): string[] {
  const out = execFileSync(shell, shellArgs(shell, script), { env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...env }, encoding: 'utf8' });
  return out.split('\0').slice(0, -1);
}

const marker = path.join(os.tmpdir(), `vcd-copy-test-${process.pid}`);
const HOSTILE = [
  "O'Brien's sandbox",
  'web "frontend" <beta> & co',
  'spaces  in   name',
  '$HOME and ${HOME} and $(touch ' + marker + ')',
  'back`touch ' + marker + '`tick',
  'semi; rm -rf ~; echo',
  'new\nline; touch ' + marker,
  'back\\slash \\\' and \\n',
  '*?[a-z] glob',
  'Ærø 名前 ‘typographic’ quotes',
  '!history !! !$',
  "''",
  '',
];

describe('copied commands, as a shell reads them', () => {
  afterEach(() => {
    assert.equal(fs.existsSync(marker), false, 'no command hidden in a name was run');
  });

  for (const shell of SHELLS) {
    it(`${shell}: a POSIX-quoted value is read back exactly, with nothing expanded`, () => {
      for (const value of HOSTILE) {
        assert.deepEqual(run(shell, `printf '%s\\0' ${posixQuote(value)}`), [value], JSON.stringify(value));
      }
    });
  }

  it('PowerShell: verbatim strings double every single-quote character (ASCII and typographic) and nothing else', () => {
    assert.equal(powerShellQuote("O'Brien"), "'O''Brien'");
    assert.equal(powerShellQuote('‘a’ ‚b‛'), "'‘‘a’’ ‚‚b‛‛'");
    assert.equal(powerShellQuote('$env:VCD_TOKEN `n $(Get-Date) "x"'), `'$env:VCD_TOKEN \`n $(Get-Date) "x"'`);
    // Read back by PowerShell's rule: a quote character followed by another one is one literal quote.
    for (const value of HOSTILE) {
      const quoted = powerShellQuote(value);
      const inner = quoted.slice(1, -1);
      assert.equal(inner.replace(/(['\u2018\u2019\u201a\u201b])\1/g, '$1'), value);
      assert.doesNotMatch(inner.replace(/(['\u2018\u2019\u201a\u201b])\1/g, ''), /['\u2018\u2019\u201a\u201b]/, 'no lone quote ends the string early');
    }
  });

  const input = {
    url: "https://vcd.example.com:8443/api/vApp/vm-1617dae0-1391-4b02-8981-3452b5d02314?x='$(touch%20" + marker + ")'",
    accept: 'application/*+xml;version=39.1',
    tokenUrl: 'https://vcd.example.com:8443/oauth/tenant/Globex(EU)%2CLtd./token',
  };
  const fakes = `curl() { printf '%s\\0' curl "$@"; }; jq() { cat >/dev/null; printf 'ACCESS-FROM-EXCHANGE'; }`;

  for (const shell of SHELLS) {
    it(`${shell}: Copy as curl is a GET with the Accept header and the token from $VCD_TOKEN`, () => {
      const snippet = curlSnippet(input);
      const lines = snippet.split('\n');
      assert.equal(lines.length, 2);
      assert.match(lines[0], /^# /, 'the first line is a comment');
      assert.deepEqual(run(shell, `${fakes}\n${snippet}`, { VCD_TOKEN: 'the-access-token' }), [
        'curl', '-sS', input.url, '-H', `Accept: ${input.accept}`, '-H', 'Authorization: Bearer the-access-token',
      ]);
    });

    it(`${shell}: the comment's command posts the API token from $VCD_API_TOKEN to the token URL and fills $VCD_TOKEN`, () => {
      const comment = curlSnippet(input).split('\n')[0];
      const command = comment.slice(comment.indexOf(': ') + 2);
      assert.match(command, /^export VCD_TOKEN=/);
      const apiToken = 'api token & $secret';
      const exchange = spawnSync(shell, shellArgs(shell, `${fakes}\ncurl() { printf '%s\\0' curl "$@" >&2; printf '{}'; }\n${command}\nprintf '%s\\0' "$VCD_TOKEN"`), {
        env: { PATH: process.env.PATH ?? '/usr/bin:/bin', VCD_API_TOKEN: apiToken },
        encoding: 'utf8',
      });
      assert.equal(exchange.status, 0, exchange.stderr);
      assert.deepEqual(exchange.stderr.split('\0').slice(0, -1), [
        'curl', '-sS', '-X', 'POST', input.tokenUrl, '-H', 'Accept: application/json', '-d', 'grant_type=refresh_token', '--data-urlencode', `refresh_token=${apiToken}`,
      ]);
      assert.deepEqual(exchange.stdout.split('\0').slice(0, -1), ['ACCESS-FROM-EXCHANGE']);
    });
  }

  it('Copy as PowerShell: Invoke-RestMethod with the Accept header, the token from $env:VCD_TOKEN, values in verbatim strings', () => {
    const lines = powerShellSnippet(input).split('\n');
    assert.equal(lines.length, 2);
    assert.match(lines[0], /^# Access token for \$env:VCD_TOKEN, from your API token in \$env:VCD_API_TOKEN: \$env:VCD_TOKEN = \(Invoke-RestMethod -Method Post -Uri 'https:\/\/vcd\.example\.com:8443\/oauth\/tenant\/Globex\(EU\)%2CLtd\.\/token' -Headers @\{ Accept = 'application\/json' \} -Body @\{ grant_type = 'refresh_token'; refresh_token = \$env:VCD_API_TOKEN \}\)\.access_token$/);
    assert.equal(lines[1], `Invoke-RestMethod -Uri ${powerShellQuote(input.url)} -Headers @{ Accept = 'application/*+xml;version=39.1'; Authorization = "Bearer $env:VCD_TOKEN" }`);
  });
});

describe('Copy as Terraform import', () => {
  const terraformFake = `terraform() { printf '%s\\0' terraform "$@" "SEP=\${VCD_IMPORT_SEPARATOR:-.}"; }`;

  it('writes the documented line: vcd_vapp_vm with org.vdc.vapp.vm, vcd_vapp with org.vdc.vapp', () => {
    const vm = terraformImport({ kind: 'vm', org: 'my-org', vdc: 'my-vdc', vapp: 'my-vapp', vm: 'my-vm' });
    assert.equal(vm.line, "terraform import vcd_vapp_vm.my-vm 'my-org.my-vdc.my-vapp.my-vm'");
    assert.equal(vm.separator, '.');
    const vapp = terraformImport({ kind: 'vapp', org: 'my-org', vdc: 'my-vdc', vapp: 'my-vapp' });
    assert.equal(vapp.line, "terraform import vcd_vapp.my-vapp 'my-org.my-vdc.my-vapp'");
  });

  it('uses another separator when a name contains ".", and sets VCD_IMPORT_SEPARATOR for the command', () => {
    const names = { org: 'Globex(EU),Ltd.', vdc: 'Dev & Test (EU); zone, *', vapp: "O'Brien's sandbox", vm: 'db (primary)' };
    const result = terraformImport({ kind: 'vm', ...names });
    assert.equal(result.separator, '/');
    assert.equal(result.localName, 'db_primary');
    const words = run('bash', `${terraformFake}\n${result.line}`);
    assert.deepEqual(words, ['terraform', 'import', 'vcd_vapp_vm.db_primary', "Globex(EU),Ltd./Dev & Test (EU); zone, */O'Brien's sandbox/db (primary)", 'SEP=/']);
    // The provider splits the ID on the separator (strings.Split): exactly the four names come back.
    assert.deepEqual(words[3].split('/'), [names.org, names.vdc, names.vapp, names.vm]);
  });

  it('picks a separator that no name contains, longer ones when every single character is taken', () => {
    assert.equal(importSeparator(['a.b', 'c/d', 'e']), '|');
    const taken = ['.', '/', '|', '#', '~', ':', '+', '!', '@', '^', '=', ';', ','].join('');
    assert.equal(importSeparator([taken, 'x']), '//');
    assert.equal(importSeparator([taken, '//']), '||');
    assert.throws(() => terraformImport({ kind: 'vapp', org: taken + '//||::##~~', vdc: 'v', vapp: 'a' }), /every separator/);
    assert.throws(() => terraformImport({ kind: 'vapp', org: '', vdc: 'v', vapp: 'a' }), /empty/);
  });

  it('makes the resource name a Terraform identifier', () => {
    assert.equal(terraformLocalName('web-01', 'vm'), 'web-01');
    assert.equal(terraformLocalName('01 db', 'vm'), 'vm_01_db');
    assert.equal(terraformLocalName('-x', 'vapp'), 'vapp_-x');
    assert.equal(terraformLocalName('名前', 'vm'), 'vm');
    assert.equal(terraformLocalName('vm "quoted" <x>', 'vm'), 'vm_quoted_x');
  });

  for (const shell of SHELLS) {
    it(`${shell}: hostile names reach terraform as one argument, unchanged`, () => {
      for (const name of HOSTILE.filter((n) => n !== '')) {
        const result = terraformImport({ kind: 'vapp', org: 'acme', vdc: 'Production', vapp: name });
        const words = run(shell, `${terraformFake}\n${result.line}`);
        assert.equal(words.length, 5, JSON.stringify(name));
        assert.deepEqual(words[3].split(result.separator), ['acme', 'Production', name]);
        assert.match(words[2], /^vcd_vapp\.[A-Za-z_][A-Za-z0-9_-]*$/);
      }
    });
  }
});
