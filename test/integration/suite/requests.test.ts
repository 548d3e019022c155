// Request files (`*.vcd-http`) inside the extension host, against a simulator of their own whose tasks move one step
// per read: the Send CodeLens, a GET sent at once into a response tab beside the file (request line, status, time,
// request id, never the token, also when the server echoes it), the request under the cursor from the palette with
// the site picked, a POST confirmed first (declined: nothing sent), a power action's 202 followed to its end (and a
// failed one with Open Task), refused headers, completions, and Save as Request File… sending the same GET again.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { SentRequest } from '../../../src/commands/sendRequest';
import { Commands } from '../../../src/ids';
import { startSimulator, type Simulator, type SimVmInfo } from '../../simulator';
import { fixture, hostOf, withScript } from './fixture';

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('Request files', function () {
  this.timeout(120_000);
  let sim: Simulator;
  let siteId: string;
  let systemId: string;
  let folder: string;
  const siteName = 'requests';
  const used = new Set<string>();

  before(async () => {
    const { api, secrets } = await fixture();
    sim = await startSimulator({ size: { orgs: 2, vdcsPerOrg: 1, vappsPerVdc: 6, vmsPerVapp: 2 }, seed: 11, tasks: { advance: 'polls', runningPolls: 1 } });
    secrets.add(sim.tenant.apiToken);
    secrets.add(sim.provider.apiToken);
    siteId = `${sim.tenant.org}@${hostOf(sim)}`.toLowerCase();
    systemId = `system@${hostOf(sim)}`;
    await api.config.addSite({ name: siteName, url: sim.url, org: sim.tenant.org, trust: { certificate: sim.certificate!.certPem } });
    await api.tokens.setApiToken(siteId, sim.tenant.apiToken);
    api.setTaskPolling({ initialDelayMs: 20, maxDelayMs: 50 });
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'vcd-requests-'));
  });
  after(async () => {
    const { api } = await fixture();
    api.setTaskPolling(undefined);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const id of [siteId, systemId]) {
      const entry = api.config.site(id);
      if (entry) await api.config.removeSite(entry);
      await api.tokens.deleteApiToken(id);
    }
    await sim?.close();
    fs.rmSync(folder, { recursive: true, force: true });
  });
  afterEach(() => {
    sim.clearFaults();
    sim.tasks.release();
  });

  /** A request file on disk, opened in the first column (its language comes from its name). */
  async function requestFile(name: string, lines: string[]): Promise<vscode.TextEditor> {
    const file = path.join(folder, `${name}.vcd-http`);
    fs.writeFileSync(file, lines.join('\n'));
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
    assert.equal(doc.languageId, 'vcd-http', 'the language comes from the file name');
    return vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.One });
  }

  async function accessToken(): Promise<string> {
    return (await fixture()).api.tokens.getAccessToken({ siteId, conn: { baseUrl: sim.url }, org: sim.tenant.org });
  }

  /** A VM of a vApp no other test used, set to this state (VMware Tools running). */
  function vmIn(state: 'POWERED_ON' | 'POWERED_OFF'): SimVmInfo {
    const vm = sim.inventory.vms({ orgName: sim.tenant.org }).find((v) => !used.has(v.vappHref))!;
    used.add(vm.vappHref);
    return sim.inventory.setPowerState(vm.href, state, { tools: true });
  }
  const routeCount = (route: string): number => sim.counters.byRoute[route] ?? 0;

  it('shows Send above each request', async () => {
    const editor = await requestFile('lenses', ['# @site requests', 'GET /api/org', '', '###', '// power', 'POST /api/vApp/vm-1/power/action/powerOn', '###', 'not a request']);
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', editor.document.uri);
    const ours = lenses.filter((l) => l.command?.command === Commands.sendRequest);
    assert.deepEqual(ours.map((l): unknown[] => [l.range.start.line, l.command?.title, l.command?.arguments?.[1]]), [[1, 'Send', 1], [5, 'Send', 5]]);
    assert.equal(String(ours[0].command?.arguments?.[0]), String(editor.document.uri));
  });

  it('sends a GET at once and opens its answer beside the file: request line, status, time, request id, never the token', async () => {
    const { api } = await fixture();
    const editor = await requestFile('get', ['# @site requests', 'GET /api/org']);
    const before = routeCount('GET /api/org');
    const { result } = await withScript([], () => vscode.commands.executeCommand<SentRequest>(Commands.sendRequest, editor.document.uri, 1));
    assert.equal(routeCount('GET /api/org'), before + 1);
    const doc = result.document;
    assert.equal(doc.uri.scheme, 'vcd-api');
    const text = doc.getText();
    assert.match(text, new RegExp(`^<\\?xml[^>]*\\?>\\n<!--\\n  GET ${escape(sim.url)}/api/org\\n  200 OK · API \\d+\\.\\d+ · \\d+ ms · \\d{4}-`));
    assert.match(text, /\n {2}Request id: [0-9a-f-]+\n/);
    assert.match(text, /<OrgList /);
    const shown = vscode.window.visibleTextEditors.find((e) => e.document === doc);
    assert.ok(shown, 'the answer is shown');
    assert.notEqual(shown.viewColumn, vscode.ViewColumn.One, 'beside the file');
    assert.equal(vscode.window.activeTextEditor?.document, editor.document, 'the file keeps the focus');
    assert.equal(api.documents.response(doc.uri)?.status, 200);
    const token = await accessToken();
    assert.ok(!text.includes(token) && !api.logLines().join('\n').includes(token));
  });

  it('masks the token out of an answer that echoes it; the answer is not sent again by Refresh', async () => {
    const editor = await requestFile('echo', ['# @site requests', 'GET /api/org']);
    sim.inject({ kind: 'echoCredential', status: 400, path: /^\/api\/org$/ });
    const { result } = await withScript([], () => vscode.commands.executeCommand<SentRequest>(Commands.sendRequest, editor.document.uri, 1));
    const text = result.document.getText();
    assert.match(text, /\n {2}400 Bad Request · /);
    assert.match(text, /The credential \*\*\* is not valid for this request/);
    assert.ok(!text.includes(await accessToken()));
    const before = routeCount('GET /api/org');
    await withScript([{ kind: 'message', match: /answer to a request sent from a request file; it is not sent again/ }], () =>
      vscode.commands.executeCommand(Commands.refresh, result.document.uri),
    );
    assert.equal(routeCount('GET /api/org'), before, 'nothing sent');
  });

  it('sends the request under the cursor from the palette; without # @site it asks which site', async () => {
    const { api } = await fixture();
    await api.config.addSite({ name: 'requests (System)', url: sim.url, org: 'System', trust: { certificate: sim.certificate!.certPem } });
    const editor = await requestFile('palette', ['GET /api/org', '###', '# the session', 'GET /cloudapi/1.0.0/sessions/current', 'Accept: application/json']);
    editor.selection = new vscode.Selection(2, 3, 2, 3);
    const { result } = await withScript(
      [{ kind: 'pick', id: 'pickSite', choose: (items) => items.find((i) => i.label === siteName)?.value, check: (r) => assert.ok([siteName, 'requests (System)'].every((l) => r.items.some((i) => i.label === l))) }],
      () => vscode.commands.executeCommand<SentRequest>(Commands.sendRequest),
    );
    assert.equal(result.response.url, `${sim.url}/cloudapi/1.0.0/sessions/current`);
    assert.match(result.response.accept, /^application\/json;version=\d+\.\d+$/);
    assert.equal(result.document.languageId, 'jsonc');
    assert.match(result.document.getText(), new RegExp(`"name":\\s*"${escape(sim.tenant.user)}"`));
  });

  it('asks before a POST, naming the method, the path and the site; declining sends nothing', async () => {
    const vm = vmIn('POWERED_OFF');
    const action = `${new URL(vm.href).pathname}/power/action/powerOn`;
    const editor = await requestFile('decline', ['# @site requests', `POST ${action}`]);
    const before = sim.counters.requests;
    await withScript(
      [{
        kind: 'message', match: new RegExp(`^Send this POST request to ${siteName}\\?$`), answer: undefined,
        check: (r) => {
          assert.deepEqual([r.modal, r.severity, r.actions], [true, 'warning', ['Send']]);
          assert.match(r.detail ?? '', new RegExp(`^POST ${escape(action)}\\nSite: ${siteName} \\(${escape(hostOf(sim))}, organization ${sim.tenant.org}\\)`));
        },
      }],
      () => vscode.commands.executeCommand(Commands.sendRequest, editor.document.uri, 1),
    );
    assert.equal(sim.counters.requests, before, 'nothing was sent');
    assert.equal(sim.inventory.vms().find((v) => v.href === vm.href)?.status, 'POWERED_OFF');
  });

  it('follows the task of a power action’s 202 to its end, with progress, and says so with Open Task', async () => {
    const vm = vmIn('POWERED_OFF');
    const editor = await requestFile('power', ['# @site requests', `POST ${new URL(vm.href).pathname}/power/action/powerOn`]);
    const { result, script } = await withScript(
      [
        { kind: 'message', match: /^Send this POST request to requests\?$/, answer: 'Send' },
        { kind: 'message', match: /: Succeeded\.$/, check: (r) => assert.deepEqual([r.severity, r.actions], ['info', ['Open Task', 'Show Log']]) },
      ],
      () => vscode.commands.executeCommand<SentRequest>(Commands.sendRequest, editor.document.uri, 1),
    );
    assert.equal(result.response.status, 202);
    assert.match(result.document.getText(), /\n {2}202 Accepted · [\s\S]*<Task [^>]*status="(queued|running)"/);
    assert.equal(result.task?.status, 'success');
    assert.ok(script.seen.some((s) => s.kind === 'progress' && s.text.startsWith('sendRequest.task')), 'a progress notification');
    assert.equal(sim.inventory.vms().find((v) => v.href === vm.href)?.status, 'POWERED_ON');
  });

  it("says a failed task's message, and Open Task opens the task", async () => {
    const vm = vmIn('POWERED_OFF');
    const editor = await requestFile('fail', ['# @site requests', `POST ${new URL(vm.href).pathname}/power/action/powerOn`]);
    sim.inject({ kind: 'failTask', message: 'Not enough memory in the VDC.', minorErrorCode: 'INSUFFICIENT_RESOURCES', majorErrorCode: 400 });
    const { result } = await withScript(
      [
        { kind: 'message', match: /^Send this POST request to requests\?$/, answer: 'Send' },
        { kind: 'message', match: /failed: Not enough memory in the VDC\.$/, answer: 'Open Task', check: (r) => assert.equal(r.severity, 'error') },
      ],
      () => vscode.commands.executeCommand<SentRequest>(Commands.sendRequest, editor.document.uri, 1),
    );
    assert.equal(result.task?.status, 'error');
    const deadline = Date.now() + 20_000;
    const taskOpen = (): boolean => vscode.window.activeTextEditor?.document.uri.scheme === 'vcd-api' && /status="error"/.test(vscode.window.activeTextEditor.document.getText());
    while (!taskOpen() && Date.now() < deadline) await new Promise<void>((resolve) => setTimeout(resolve, 20));
    assert.ok(taskOpen(), 'the task document is open');
    assert.equal(sim.inventory.vms().find((v) => v.href === vm.href)?.status, 'POWERED_OFF');
  });

  it('refuses a credential header from the file, a URL and another method, sending nothing', async () => {
    const editor = await requestFile('refused', ['# @site requests', 'GET /api/org', 'Authorization: Bearer abc', '###', '# @site requests', `GET ${sim.url}/api/org`, '###', '# @site requests', 'PATCH /api/org', '###', '# @site nowhere', 'GET /api/org']);
    const before = sim.counters.requests;
    for (const [line, message] of [[1, /may not set Authorization/], [5, /starts with \/api\/ or \/cloudapi\/ \(no host\)/], [8, /must be GET, POST, PUT or DELETE/], [11, /^No site is called “nowhere”/]] as const) {
      await withScript([{ kind: 'message', match: message, check: (r) => assert.equal(r.severity, 'error') }], () =>
        vscode.commands.executeCommand(Commands.sendRequest, editor.document.uri, line),
      );
    }
    assert.equal(sim.counters.requests, before);
  });

  it('completes paths linked from open API documents and the query types after a method, and media types in Accept', async () => {
    const org = await vscode.commands.executeCommand<vscode.TextDocument>(Commands.openApiPath, siteId, '/api/org');
    assert.ok(!/(^|&)sent=/.test(org.uri.query), 'a tab of its own, not one of the answers to GET /api/org sent before');
    const orgHref = /<Org [^>]*href="([^"]+)"/.exec(org.getText())![1];
    const editor = await requestFile('complete', ['# @site requests', 'GET /api/', '###', 'POST /api/x', 'Accept: app']);
    const labels = async (line: number, character: number): Promise<string[]> => {
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', editor.document.uri, new vscode.Position(line, character));
      return list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    };
    const paths = await labels(1, 9);
    assert.ok(paths.includes(new URL(orgHref).pathname), `the org's path in ${paths.join(', ')}`);
    for (const type of ['organization', 'orgVdc', 'vApp', 'vm', 'adminVM', 'task']) assert.ok(paths.includes(`/api/query?type=${type}`), type);
    assert.ok(!paths.some((p) => p.startsWith('http')), 'paths, not URLs');
    const media = await labels(4, 11);
    for (const type of ['application/*+xml', 'application/*+json', 'application/json', 'application/vnd.vmware.vcloud.task+xml']) assert.ok(media.includes(type), type);
  });

  it('Save as Request File… writes the GET of an API tab as an untitled request file that sends the same GET', async () => {
    const { api } = await fixture();
    const raw = await vscode.commands.executeCommand<vscode.TextDocument>(Commands.openApiPath, siteId, '/api/org');
    const saved = await withScript([], () => vscode.commands.executeCommand<vscode.TextDocument>(Commands.saveAsRequest, raw.uri));
    const file = saved.result;
    assert.deepEqual([file.isUntitled, file.languageId], [true, 'vcd-http']);
    assert.equal(file.getText(), `# @site ${siteName}\nGET /api/org\nAccept: application/*+xml\n`);
    const { result } = await withScript([], () => vscode.commands.executeCommand<SentRequest>(Commands.sendRequest, file.uri, 1));
    const original = api.documents.response(raw.uri)!;
    assert.deepEqual([result.response.method, result.response.url, result.response.accept, result.response.body], ['GET', original.url, original.accept, original.body]);
    await vscode.window.showTextDocument(file);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    // From the palette on a tab that is no API response: it says where it works.
    await requestFile('not-api', ['GET /api/org']);
    await withScript([{ kind: 'message', match: /works on an API response tab/ }], () => vscode.commands.executeCommand(Commands.saveAsRequest));
  });
});
