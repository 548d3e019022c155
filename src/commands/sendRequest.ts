// Send Request: the request of a request file (`vcd-http`) under the cursor, or of the CodeLens clicked, on the site
// its `# @site` names (else the person picks one), with the site's sign-in. GET goes at once; anything else is
// confirmed in a modal naming the method, path and site. The answer opens beside the file in a read-only `vcd-api` tab
// (kept in memory: see ApiDocumentProvider.keepSent). A 202 with a task is followed to its end under a progress
// notification with Cancel, and its end said with Open Task.
import * as vscode from 'vscode';
import { lastSegment, type ApiDocumentRef } from '../documents/uri';
import { parseRequestFile, requestAt } from '../documents/requestFile';
import { RequestLanguageId } from '../ids';
import type { Site } from '../platform/settings';
import { taskStatusWords } from '../tree/present';
import { hostOf, isTaskFailed, isVcdError, parseTask, prepareApiRequest, taskFailure, type RawResponse, type TaskInfo } from '../vcd';
import type { CommandContext } from './support/context';
import { CancelledByUser } from '../platform/errorText';
import { openApiDocument } from './support/openDocument';
import { reportOutcome } from './support/notify';
import { pickSite } from './support/pickSite';

export interface SentRequest {
  document: vscode.TextDocument;
  response: RawResponse;
  /** The task a 202 answered with, as it ended (or as last read when the person stopped following it). */
  task?: TaskInfo;
}

/** The request file of the argument (a CodeLens, the editor title), else of the active editor. */
async function requestDocument(ctx: CommandContext, arg: unknown): Promise<vscode.TextDocument> {
  const doc = !(arg instanceof vscode.Uri) ? vscode.window.activeTextEditor?.document
    : (vscode.workspace.textDocuments.find((d) => d.uri.toString() === arg.toString()) ?? (await vscode.workspace.openTextDocument(arg)));
  if (doc?.languageId === RequestLanguageId) return doc;
  await ctx.ui.message({ severity: 'info', message: 'Send Request works in a request file (.vcd-http).' });
  throw new CancelledByUser();
}

function siteNamed(ctx: CommandContext, name: string): Site {
  const sites = ctx.config.settings.sites;
  const site = sites.find((s) => s.name.toLowerCase() === name.toLowerCase() || s.id === name.toLowerCase());
  if (site) return site;
  throw new Error(`No site is called “${name.slice(0, 80)}” (# @site). The sites: ${sites.map((s) => s.name).join(', ') || 'none'}.`);
}

/** The task a 202 answered with: its Task body, or the task its Location names (read, on this site only). */
async function acceptedTask(ctx: CommandContext, site: Site, response: RawResponse): Promise<TaskInfo | undefined> {
  if (response.status !== 202) return undefined;
  try {
    return parseTask(response.body, response.contentType);
  } catch {
    // Not a Task body: look at Location.
  }
  const location = response.location;
  return location !== undefined && /^\/api\/task\/[^/?#]+$/.test(new URL(location, site.baseUrl).pathname) ? ctx.clients.client(site).task(location) : undefined;
}

export async function sendRequest(ctx: CommandContext, uriArg?: unknown, lineArg?: unknown): Promise<SentRequest> {
  const doc = await requestDocument(ctx, uriArg);
  const editor = vscode.window.activeTextEditor;
  const line = typeof lineArg === 'number' ? lineArg : editor?.document === doc ? editor.selection.active.line : 0;
  const file = parseRequestFile(doc.getText());
  const request = requestAt(file, line);
  if (request === undefined) {
    if (file.problem) throw new Error(file.problem);
    await ctx.ui.message({ severity: 'info', message: 'Put the cursor on a request (e.g. GET /api/org) to send it.' });
    throw new CancelledByUser();
  }
  if (request.problem) throw new Error(request.problem);
  const site = request.site !== undefined ? siteNamed(ctx, request.site) : await pickSite(ctx, undefined, 'Send Request');
  // What cannot be sent is said before anything is asked.
  prepareApiRequest(site.baseUrl, request);
  const { method, path } = request;
  const shown = path.length > 200 ? `${path.slice(0, 199)}…` : path;
  if (method !== 'GET') {
    const answer = await ctx.ui.message({
      severity: 'warning',
      modal: true,
      message: `Send this ${method} request to ${site.name}?`,
      detail: `${method} ${shown}\nSite: ${site.name} (${hostOf(site.baseUrl)}, organization ${site.org})\n\nIt can change things in Cloud Director.`,
      actions: ['Send'],
    });
    if (answer !== 'Send') throw new CancelledByUser();
  }
  const client = ctx.clients.client(site);
  const response = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: `${method} ${shown}` }, () => client.sendRequest(request));
  const url = new URL(response.url);
  const ref: ApiDocumentRef = {
    siteId: site.id,
    apiPath: url.pathname + url.search,
    format: /json/i.test(response.contentType ?? '') || /^\s*[[{]/.test(response.body) ? 'json' : 'xml',
    label: `${method} ${lastSegment(url.pathname)}`,
  };
  const document = await ctx.documents.withLanguage(await vscode.workspace.openTextDocument(ctx.documents.keepSent(ref, response)));
  await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.Beside, preview: true, preserveFocus: true });
  const task = await acceptedTask(ctx, site, response);
  if (task === undefined) return { document, response };
  return { document, response, task: await followTask(ctx, site, task, `${method} ${lastSegment(url.pathname)}`) };
}

/** Follows the task to its end under a progress notification (Cancel stops following; VCD goes on) and says how it ended. */
async function followTask(ctx: CommandContext, site: Site, task: TaskInfo, what: string): Promise<TaskInfo> {
  const name = task.operation?.replace(/\([0-9a-f-]{36}\)$/i, '').slice(0, 200) || what;
  const open = (): Record<string, () => unknown> => {
    const path = new URL(task.href, site.baseUrl).pathname;
    return { 'Open Task': () => openApiDocument(ctx, site, path, name) };
  };
  let end: TaskInfo;
  try {
    end = await ctx.ui.progress({ id: 'sendRequest.task', title: `${what}: ${name}`, cancellable: true }, (signal, report) =>
      ctx.clients.client(site).waitForTask(task, { ...ctx.taskWaitOptions?.(), signal, onUpdate: (t) => report(taskStatusWords(t.status, t.progress)) }),
    );
  } catch (err) {
    if (!isVcdError(err, 'cancelled')) throw err;
    reportOutcome(ctx, 'info', `${name} goes on in VCD; the Tasks view lists it.`, open());
    return task;
  } finally {
    void ctx.tasksView.refresh();
  }
  if (isTaskFailed(end.status)) reportOutcome(ctx, 'error', taskFailure(end, name).message, open());
  else reportOutcome(ctx, 'info', `${name}: ${taskStatusWords(end.status)}.`, open());
  return end;
}
