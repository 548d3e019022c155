// A stand-in for the `vscode` module, for the load bench: enough of the API for activate() and the Sites view's first
// getChildren. What activation reads has real values (settings, secret storage, the extension's mode); everything else
// is a do-nothing stub that any property access or call yields, so a new call in activate() does not break the bench.
import Module from 'node:module';
import type * as vscode from 'vscode';

/**
 * A callable, constructible object whose every property is another such stub (a Promise's `then` excepted); what is
 * assigned to it is kept. What `new` makes is a plain object stub (its `name` and the like can be assigned).
 */
function stub(callable = true): unknown {
  const values = new Map<PropertyKey, unknown>();
  const target = callable ? function () {
    return stub();
  } : {};
  return new Proxy(target, {
    get(_t, prop) {
      if (prop === 'then') return undefined;
      if (prop === Symbol.toPrimitive) return () => 0;
      if (!values.has(prop)) values.set(prop, stub());
      return values.get(prop);
    },
    set(_t, prop, value) {
      values.set(prop, value);
      return true;
    },
    construct: () => stub(false) as object,
  });
}

const disposable = { dispose(): void {} };

class EventEmitter<T> {
  private readonly listeners = new Set<(e: T) => unknown>();
  readonly event = (listener: (e: T) => unknown): vscode.Disposable => {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  };
  fire(e: T): void {
    for (const l of this.listeners) l(e);
  }
  dispose(): void {
    this.listeners.clear();
  }
}

class TreeItem {
  [key: string]: unknown;
  constructor(
    readonly label: unknown,
    readonly collapsibleState?: number,
  ) {}
}

export interface FakeVscode {
  /** The tree data providers activate() registered, by view id. */
  readonly providers: Map<string, vscode.TreeDataProvider<unknown>>;
  /** The extension context to pass to activate(). */
  readonly context: vscode.ExtensionContext;
}

/**
 * Makes `require('vscode')` return the fake from now on in this process. `settings` are the `vcd.*` settings
 * (e.g. `{ sites: [...] }`), `secrets` the extension's secret storage.
 */
export function installFakeVscode(settings: Record<string, unknown>, secrets: Record<string, string> = {}): FakeVscode {
  const providers = new Map<string, vscode.TreeDataProvider<unknown>>();
  const api = {
    version: '1.100.0',
    EventEmitter,
    TreeItem,
    TreeItemCollapsibleState: { None: 0, Collapsed: 1, Expanded: 2 },
    ExtensionMode: { Production: 1, Development: 2, Test: 3 },
    LogLevel: { Off: 0, Trace: 1, Debug: 2, Info: 3, Warning: 4, Error: 5 },
    ConfigurationTarget: { Global: 1, Workspace: 2, WorkspaceFolder: 3 },
    StatusBarAlignment: { Left: 1, Right: 2 },
    ThemeIcon: class {
      constructor(
        readonly id: string,
        readonly color?: unknown,
      ) {}
    },
    ThemeColor: class {
      constructor(readonly id: string) {}
    },
    MarkdownString: class {
      constructor(readonly value = '') {}
    },
    Disposable: class Disposable {
      static from(...items: { dispose(): unknown }[]): Disposable {
        return new Disposable(() => items.forEach((i) => i.dispose()));
      }
      constructor(private readonly fn: () => void = () => undefined) {}
      dispose(): void {
        this.fn();
      }
    },
    workspace: new Proxy(
      {
        getConfiguration: () => ({
          get: (key: string, fallback?: unknown) => (key in settings ? settings[key] : fallback),
          inspect: () => undefined,
          update: () => Promise.resolve(),
        }),
        onDidChangeConfiguration: () => disposable,
        registerTextDocumentContentProvider: () => disposable,
      },
      { get: (t, p) => (p in t ? (t as Record<PropertyKey, unknown>)[p] : stub()) },
    ),
    window: new Proxy(
      {
        createOutputChannel: () => Object.assign(stub() as object, { logLevel: 3 }),
        createTreeView: (id: string, options: { treeDataProvider: vscode.TreeDataProvider<unknown> }) => {
          providers.set(id, options.treeDataProvider);
          return stub();
        },
        registerTreeDataProvider: (id: string, provider: vscode.TreeDataProvider<unknown>) => {
          providers.set(id, provider);
          return disposable;
        },
        withProgress: (_options: unknown, task: (progress: unknown, token: unknown) => unknown) => Promise.resolve(task(stub(), stub())),
      },
      { get: (t, p) => (p in t ? (t as Record<PropertyKey, unknown>)[p] : stub()) },
    ),
    commands: {
      registerCommand: () => disposable,
      executeCommand: () => Promise.resolve(undefined),
    },
  };
  const vscodeModule = new Proxy(api, { get: (t, p) => (p in t ? (t as Record<PropertyKey, unknown>)[p] : stub()) });
  const moduleWithLoad = Module as unknown as { _load(request: string, parent: unknown, isMain: boolean): unknown };
  const load = moduleWithLoad._load.bind(Module);
  moduleWithLoad._load = (request: string, parent: unknown, isMain: boolean): unknown =>
    request === 'vscode' ? vscodeModule : load(request, parent, isMain);
  const store = new Map(Object.entries(secrets));
  const context = {
    subscriptions: [] as vscode.Disposable[],
    extensionMode: 1,
    extension: { packageJSON: { version: '0.0.0-bench' } },
    globalState: { get: (_key: string, fallback?: unknown) => fallback, update: () => Promise.resolve(), keys: () => [] },
    secrets: {
      get: (key: string) => Promise.resolve(store.get(key)),
      store: (key: string, value: string) => Promise.resolve(void store.set(key, value)),
      delete: (key: string) => Promise.resolve(void store.delete(key)),
      onDidChange: () => disposable,
    },
  } as unknown as vscode.ExtensionContext;
  return { providers, context };
}
