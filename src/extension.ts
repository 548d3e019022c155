// Composition root: activate() builds every object, wires them and registers them. Nothing imports this file.
import * as vscode from 'vscode';
import { TokenService } from './auth';
import { commandHandlers } from './commands';
import type { CommandContext } from './commands/support/context';
import { registerCommands } from './commands/registerCommands';
import { ApiDocumentProvider } from './documents/apiDocumentProvider';
import { ApiDocumentStatusBar } from './documents/statusBar';
import { ApiDocumentScheme, ContextKeys, KnownSitesKey, RequestLanguageId, SitesViewId, TasksViewId } from './ids';
import { PowerOperations } from './operations/power';
import { Configuration } from './platform/configuration';
import { Log } from './platform/log';
import { importSandboxTokens } from './platform/sandboxTokens';
import { VsCodeSecretStore } from './platform/secrets';
import type { Site } from './platform/settings';
import { SiteClients } from './platform/siteClients';
import { proxyRoute, type ProxySettings } from './platform/proxyRoute';
import { deleteLeftoverTokens } from './platform/leftoverTokens';
import { SwitchableUserInput, VsCodeUserInput, type UserInput } from './platform/userInput';
import type { TreeNode } from './tree/node';
import { SitesTreeProvider } from './tree/sitesTreeProvider';
import { TasksTreeProvider } from './tree/tasksTreeProvider';
import { TaskTracker } from './tree/taskTracker';
import type { TaskWaitOptions } from './vcd';
import { workbench } from './workbenchLoader';

// The modules the workbench (dist/workbench.js) takes from this bundle.
export { workbenchShared } from './workbenchLoader';

/** What activate() returns. The test hooks exist only when VS Code runs the extension's tests. */
export interface CloudDirectorApi {
  readonly test?: {
    /** Replace the prompts and messages (undefined restores the real ones). */
    setUserInput(ui: UserInput | undefined): void;
    readonly tree: SitesTreeProvider;
    /** The Tasks view, and the tasks started from this window. */
    readonly tasksTree: TasksTreeProvider;
    readonly tasks: TaskTracker;
    /** The Sites view (its selection shows what a command revealed). */
    readonly treeView: vscode.TreeView<TreeNode>;
    readonly documents: ApiDocumentProvider;
    /** The language-model tools as registered, by name (to call prepareInvocation, or invoke as from a chat request). */
    readonly tools: ReadonlyMap<string, vscode.LanguageModelTool<unknown>>;
    readonly tokens: TokenService;
    readonly config: Configuration;
    /** The extension's own SecretStorage, as another window of it would write to it. */
    readonly secretStorage: vscode.SecretStorage;
    /** The recent (redacted) log lines. */
    logLines(): readonly string[];
    /** Fix the clock used for token names. */
    setNow(now: (() => Date) | undefined): void;
    /** Wait less between reads of a task (undefined restores VCD's 1 s to 5 s). */
    setTaskPolling(delays: Pick<TaskWaitOptions, 'initialDelayMs' | 'maxDelayMs'> | undefined): void;
  };
}

/** Runs `start` when the first raw API document or request file is open (now, or when one opens); disposes what it made. */
function workbenchOnFirstDocument(start: () => vscode.Disposable[]): vscode.Disposable[] {
  let started: vscode.Disposable[] | undefined;
  const wants = (doc: vscode.TextDocument): boolean => doc.uri.scheme === ApiDocumentScheme || doc.languageId === RequestLanguageId;
  const check = (doc: vscode.TextDocument): void => {
    if (!started && wants(doc)) started = start();
  };
  vscode.workspace.textDocuments.forEach(check);
  return [vscode.workspace.onDidOpenTextDocument(check), { dispose: () => started?.forEach((d) => void d.dispose()) }];
}

/** VS Code's proxy settings as its network layer reads them (requests follow them; the certificate probe too). */
function proxySettings(): ProxySettings {
  const http = vscode.workspace.getConfiguration('http');
  return {
    support: http.get<string>('proxySupport'),
    proxy: http.get<string>('proxy'),
    noProxy: http.get<string[]>('noProxy'),
    authorization: http.get<string | null>('proxyAuthorization') ?? undefined,
    env: process.env,
  };
}

export function activate(context: vscode.ExtensionContext): CloudDirectorApi {
  const log = new Log();
  const config = new Configuration();
  const learnCertificate = (site: Site, pem: string): void => {
    // Settings from version 0.1 hold only the fingerprint: keep the certificate it named instead.
    if (config.site(site.id)?.trust?.certificate) return;
    log.info(`${site.name}: stored the trusted certificate that its pinned fingerprint names`);
    config.setSiteTrust(site, { ...site.trust, certificate: pem, pinnedFingerprint256: undefined }).then(undefined, (err: unknown) =>
      log.warn(`${site.name}: could not store the trusted certificate: ${err instanceof Error ? err.message : String(err)}`),
    );
  };
  const secrets = new VsCodeSecretStore(context.secrets);
  const tokens = new TokenService({ secrets });
  const declared = (context.extension.packageJSON as { version?: unknown }).version;
  const version = typeof declared === 'string' ? declared : '0';
  const clients = new SiteClients({
    tokens,
    log: log.hook,
    onCertificateLearned: learnCertificate,
    probeProxy: (baseUrl) => proxyRoute(baseUrl, proxySettings()),
    logLevel: () => log.level(),
    userAgent: `cloud-director-explorer/${version} vscode/${vscode.version}`,
    settings: () => config.settings,
    // The wait is logged by the client; the status bar tells the person why nothing happens for a few seconds.
    onRateLimited: ({ host, seconds }) => {
      vscode.window.setStatusBarMessage(`$(watch) ${host} is limiting requests: trying again in ${seconds} s`, (seconds + 2) * 1000);
    },
  });
  const ui = new SwitchableUserInput(new VsCodeUserInput());
  const tasks = new TaskTracker();
  const tree = new SitesTreeProvider({ clients, tokens, log, settings: () => config.settings, tasks });
  // Several VMs can be selected, for one power action on all of them.
  const treeView = vscode.window.createTreeView<TreeNode>(SitesViewId, { treeDataProvider: tree, showCollapseAll: true, canSelectMany: true });
  const tasksView = new TasksTreeProvider({ clients, tokens, log, settings: () => config.settings, tasks });
  const tasksTreeView = vscode.window.createTreeView<TreeNode>(TasksViewId, { treeDataProvider: tasksView });
  let taskPolling: Pick<TaskWaitOptions, 'initialDelayMs' | 'maxDelayMs'> | undefined;
  const power = new PowerOperations({
    clients,
    tasks,
    log,
    stateMayHaveChanged: (target) => void tree.refreshResource(target.key),
    waitOptions: () => taskPolling ?? {},
  });
  // The chat tools run in the workbench, loaded when a tool is first used; VS Code knows their names from package.json.
  let workbenchTools: Map<string, vscode.LanguageModelTool<unknown>> | undefined;
  const tool = (name: string): vscode.LanguageModelTool<unknown> => {
    workbenchTools ??= workbench().createTools({ config, tokens, clients, power, tasks, ui, log });
    const found = workbenchTools.get(name);
    if (!found) throw new Error(`No tool ${name}`);
    return found;
  };
  const toolNames = ((context.extension.packageJSON as { contributes?: { languageModelTools?: { name: string }[] } }).contributes?.languageModelTools ?? []).map((t) => t.name);
  const tools = new Map<string, vscode.LanguageModelTool<unknown>>(
    toolNames.map((name) => [
      name,
      {
        invoke: (options, token) => tool(name).invoke(options, token),
        prepareInvocation: (options, token) => tool(name).prepareInvocation?.(options, token),
      },
    ]),
  );
  const documents = new ApiDocumentProvider({ clients, site: (id) => config.site(id), log });
  let now: (() => Date) | undefined;
  const ctx: CommandContext = {
    ui, config, tokens, clients, tree, treeView, documents, log, power, tasks, tasksView, now: () => (now ? now() : new Date()),
    taskWaitOptions: () => taskPolling ?? {},
  };

  const updateContextKeys = (): void => {
    void vscode.commands.executeCommand('setContext', ContextKeys.hasSites, config.settings.sites.length > 0);
    void vscode.commands.executeCommand('setContext', ContextKeys.loaded, true);
  };
  const reportSiteProblems = (): void => {
    for (const problem of config.settings.siteProblems) log.warn(`Settings: ${problem}`);
  };
  const knownSites = {
    get: () => context.globalState.get<string[]>(KnownSitesKey, []),
    set: (ids: readonly string[]) => context.globalState.update(KnownSitesKey, ids),
  };
  const cleanUpTokens = (): void => {
    void deleteLeftoverTokens(config.settings, { known: knownSites, deleteToken: (id) => tokens.deleteApiToken(id), log });
  };
  updateContextKeys();
  reportSiteProblems();
  cleanUpTokens();

  context.subscriptions.push(
    log,
    config,
    tree,
    treeView,
    tasksView,
    tasksTreeView,
    { dispose: () => power.dispose() },
    documents,
    new ApiDocumentStatusBar(documents),
    vscode.workspace.registerTextDocumentContentProvider(ApiDocumentScheme, documents),
    // Links, hovers and the outline of raw documents, and request files: from the workbench, once one is open.
    ...workbenchOnFirstDocument(() => {
      const w = workbench();
      return [w.registerHypertext((id) => config.site(id)), w.registerRequestFiles((siteId) => config.site(siteId)?.baseUrl)];
    }),
    config.onDidChange((settings) => {
      clients.prune(settings.sites);
      updateContextKeys();
      reportSiteProblems();
      cleanUpTokens();
      void tree.refresh();
      void tasksView.refresh();
    }),
    // Another window stored, replaced or deleted a token: drop what this window cached and redraw.
    secrets.onDidChangeApiToken((siteId) => {
      tokens.forget(siteId);
      void tree.refresh();
      void tasksView.refresh();
    }),
    ...registerCommands(ctx, commandHandlers),
    ...[...tools].map(([name, tool]) => vscode.lm.registerTool(name, tool)),
  );
  log.info(`Cloud Director Explorer ${version} activated with ${config.settings.sites.length} site(s)`);
  // `npm start` only (development mode, loopback sites): the simulator's demo tokens, so the demo works at once.
  void importSandboxTokens({
    developmentMode: context.extensionMode === vscode.ExtensionMode.Development,
    env: process.env,
    sites: config.settings.sites,
    tokens,
    log,
  }).then((imported) => {
    if (imported.length > 0) {
      void tree.refresh();
      void tasksView.refresh();
    }
  });

  if (context.extensionMode !== vscode.ExtensionMode.Test) return {};
  return {
    test: {
      setUserInput: (replacement) => ui.set(replacement),
      tree,
      tasksTree: tasksView,
      tasks,
      treeView,
      documents,
      tools,
      tokens,
      config,
      secretStorage: context.secrets,
      logLines: () => log.recentLines(),
      setNow: (fn) => {
        now = fn;
      },
      setTaskPolling: (delays) => {
        taskPolling = delays;
      },
    },
  };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
