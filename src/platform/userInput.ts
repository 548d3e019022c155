// Everything the extension asks or tells a person goes through UserInput, so tests can script it.
import * as vscode from 'vscode';

/**
 * Returned when the person pressed the Back button of a multi-step input. A registered symbol, so a scripted
 * UserInput compiled apart from the bundled extension (the extension-host tests) returns the same value.
 */
export const Back: unique symbol = Symbol.for('vcd.userInput.back') as never;
export type Back = typeof Back;

export interface InputBoxRequest {
  /** A stable name of the prompt, for scripted tests (e.g. `addSite.url`). */
  id: string;
  title: string;
  step?: number;
  totalSteps?: number;
  prompt?: string;
  placeHolder?: string;
  value?: string;
  password?: boolean;
  /** Shown as the input's error when it opens (a failed check of this field). */
  validationMessage?: string;
  /** Synchronous validation while typing: a message, or undefined when fine. */
  validate?: (value: string) => string | undefined;
}

export interface PickItem<T> {
  label: string;
  description?: string;
  detail?: string;
  value: T;
}

export interface QuickPickRequest<T> {
  id: string;
  title: string;
  placeHolder?: string;
  step?: number;
  totalSteps?: number;
  items: PickItem<T>[];
}

/** A button on a row of a search pick: an alternate action for that row. */
export interface PickButton {
  /** Stable id, returned when the button is pressed. */
  id: string;
  /** Codicon id, e.g. `go-to-file`. */
  icon: string;
  tooltip: string;
}

/** One row of a search pick: a separator (a group's heading) or an item. */
export type SearchPickEntry<T> =
  | { kind: 'separator'; label: string }
  | {
      kind: 'item';
      /** Identity across updates (keeps the row the person moved to active while results come in). */
      id?: string;
      label: string;
      description?: string;
      detail?: string;
      /** Codicon id. */
      icon?: string;
      /** What choosing the row answers; undefined for a row that only informs (choosing it does nothing). */
      value?: T;
      buttons?: PickButton[];
    };

/**
 * What a search pick shows, driven by what the person types (commands/findVmSearch.ts): the pick reports every change
 * of the text, and shows the entries and the busy state whenever they change. Searching (debounce, cancellation) is
 * the source's business, so a scripted UserInput drives exactly the same logic.
 */
export interface SearchPickSource<T> {
  readonly entries: readonly SearchPickEntry<T>[];
  /** A search is under way. */
  readonly busy: boolean;
  /** The text changed (every keystroke, not debounced). */
  setText(text: string): void;
  onDidChange(listener: () => void): { dispose(): void };
}

export interface SearchPickRequest<T> {
  id: string;
  title: string;
  placeHolder?: string;
  /** Text already typed when the pick opens. */
  value?: string;
  source: SearchPickSource<T>;
}

export interface SearchPickAnswer<T> {
  value: T;
  /** The id of the row's button that was pressed; undefined when the row itself was chosen. */
  button?: string;
}

export type MessageSeverity = 'info' | 'warning' | 'error';

export interface MessageRequest {
  severity: MessageSeverity;
  message: string;
  /** Modal dialogs block and need an answer; they are prompts for scripted tests. */
  modal?: boolean;
  detail?: string;
  actions?: string[];
}

export interface ProgressRequest {
  /** A stable name of the operation, for scripted tests (e.g. `power.powerOff`). */
  id: string;
  title: string;
  /** Shows a Cancel button; pressing it aborts the task's signal. */
  cancellable: boolean;
}

/** Updates a progress notification: its message, and how much of the whole (in percent) was done since the last report. */
export type ProgressReport = (message: string, increment?: number) => void;

export interface UserInput {
  /** Resolves to the text, `Back`, or undefined when dismissed. */
  inputBox(request: InputBoxRequest): Promise<string | Back | undefined>;
  /** Resolves to the chosen item's value, `Back`, or undefined when dismissed. */
  quickPick<T>(request: QuickPickRequest<T>): Promise<T | Back | undefined>;
  /**
   * A quick pick that searches as the person types (`request.source` searches and supplies the rows). Resolves to the
   * chosen row's value (and the row button pressed, if any), or undefined when dismissed.
   */
  searchPick<T>(request: SearchPickRequest<T>): Promise<SearchPickAnswer<T> | undefined>;
  /** Shows a message; resolves to the chosen action or undefined. */
  message(request: MessageRequest): Promise<string | undefined>;
  /** A short confirmation in the status bar that goes away by itself (e.g. what was copied). */
  status(message: string): void;
  openExternal(url: string): Promise<boolean>;
  /** Runs `task` under a progress notification; its Cancel button (when cancellable) aborts the signal. */
  progress<T>(request: ProgressRequest, task: (signal: AbortSignal, report: ProgressReport) => Promise<T>): Promise<T>;
}

/** How long a status-bar confirmation stays. */
const STATUS_MESSAGE_MS = 5000;
/** Server text shown in a quick pick: `$(name)` stays text instead of becoming an icon. */
function escapeIcons(text: string): string {
  return text.replace(/\$\(/g, '\\$(');
}

/** The real thing: VS Code quick inputs and notifications. */
export class VsCodeUserInput implements UserInput {
  inputBox(request: InputBoxRequest): Promise<string | Back | undefined> {
    const box = vscode.window.createInputBox();
    box.title = request.title;
    box.step = request.step;
    box.totalSteps = request.totalSteps;
    box.prompt = request.prompt;
    box.placeholder = request.placeHolder;
    box.value = request.value ?? '';
    box.password = request.password ?? false;
    box.ignoreFocusOut = true;
    box.validationMessage = request.validationMessage;
    if ((request.step ?? 1) > 1) box.buttons = [vscode.QuickInputButtons.Back];
    return new Promise((resolve) => {
      let done = false;
      const finish = (result: string | Back | undefined) => {
        if (done) return;
        done = true;
        resolve(result);
        box.dispose();
      };
      box.onDidTriggerButton((b) => { if (b === vscode.QuickInputButtons.Back) finish(Back); });
      box.onDidChangeValue((v) => { box.validationMessage = request.validate?.(v); });
      box.onDidAccept(() => {
        const problem = request.validate?.(box.value);
        if (problem) { box.validationMessage = problem; return; }
        finish(box.value);
      });
      box.onDidHide(() => finish(undefined));
      box.show();
    });
  }

  quickPick<T>(request: QuickPickRequest<T>): Promise<T | Back | undefined> {
    type Item = vscode.QuickPickItem & { value: T };
    const pick = vscode.window.createQuickPick<Item>();
    pick.title = request.title;
    pick.step = request.step;
    pick.totalSteps = request.totalSteps;
    pick.placeholder = request.placeHolder;
    pick.ignoreFocusOut = true;
    pick.matchOnDescription = true;
    pick.matchOnDetail = true;
    pick.items = request.items.map((i) => ({ label: i.label, description: i.description, detail: i.detail, value: i.value }));
    if ((request.step ?? 1) > 1) pick.buttons = [vscode.QuickInputButtons.Back];
    return new Promise((resolve) => {
      let done = false;
      const finish = (result: T | Back | undefined) => {
        if (done) return;
        done = true;
        resolve(result);
        pick.dispose();
      };
      pick.onDidTriggerButton((b) => { if (b === vscode.QuickInputButtons.Back) finish(Back); });
      pick.onDidAccept(() => finish(pick.selectedItems[0]?.value));
      pick.onDidHide(() => finish(undefined));
      pick.show();
    });
  }

  searchPick<T>(request: SearchPickRequest<T>): Promise<SearchPickAnswer<T> | undefined> {
    type Item = vscode.QuickPickItem & { value?: T; id?: string; buttonIds?: string[] };
    const pick = vscode.window.createQuickPick<Item>();
    pick.title = request.title;
    pick.placeholder = request.placeHolder;
    pick.value = request.value ?? '';
    // The rows are the server's answer to the text: VS Code must neither hide them nor match them against the text
    // again (every row has alwaysShow), nor re-sort them by how their labels match, which would also drop the
    // per-site headings. `sortByLabel` is proposed API (quickPickSortByLabel) that VS Code's extension host applies
    // for every extension; where it is ignored, the rows are sorted by label match and still say their site.
    pick.matchOnDescription = false;
    pick.matchOnDetail = false;
    (pick as { sortByLabel?: boolean }).sortByLabel = false;
    pick.keepScrollPosition = true;
    const { source } = request;
    const show = (): void => {
      const active = pick.activeItems[0]?.id;
      pick.items = source.entries.map((entry): Item => {
        if (entry.kind === 'separator') return { label: escapeIcons(entry.label), kind: vscode.QuickPickItemKind.Separator };
        return {
          label: escapeIcons(entry.label),
          description: entry.description === undefined ? undefined : escapeIcons(entry.description),
          detail: entry.detail === undefined ? undefined : escapeIcons(entry.detail),
          iconPath: entry.icon === undefined ? undefined : new vscode.ThemeIcon(entry.icon),
          alwaysShow: true,
          buttons: entry.buttons?.map((b) => ({ iconPath: new vscode.ThemeIcon(b.icon), tooltip: b.tooltip })),
          buttonIds: entry.buttons?.map((b) => b.id),
          value: entry.value,
          id: entry.id,
        };
      });
      const keep = active === undefined ? undefined : pick.items.find((i) => i.id === active);
      if (keep) pick.activeItems = [keep];
      pick.busy = source.busy;
    };
    return new Promise((resolve) => {
      let done = false;
      const subscriptions: { dispose(): void }[] = [];
      const finish = (result: SearchPickAnswer<T> | undefined) => {
        if (done) return;
        done = true;
        for (const s of subscriptions) s.dispose();
        resolve(result);
        pick.dispose();
      };
      subscriptions.push(
        source.onDidChange(show),
        pick.onDidChangeValue((v) => source.setText(v)),
        pick.onDidAccept(() => {
          const chosen = pick.selectedItems[0] ?? pick.activeItems[0];
          // A row that only informs ("1,234 more…", "Searching…") keeps the pick open.
          if (chosen?.value !== undefined) finish({ value: chosen.value });
        }),
        pick.onDidTriggerItemButton((e) => {
          const index = e.item.buttons?.indexOf(e.button) ?? -1;
          const id = index >= 0 ? e.item.buttonIds?.[index] : undefined;
          if (e.item.value !== undefined && id !== undefined) finish({ value: e.item.value, button: id });
        }),
        pick.onDidHide(() => finish(undefined)),
      );
      show();
      pick.show();
      if (pick.value !== '') source.setText(pick.value);
    });
  }

  async message(request: MessageRequest): Promise<string | undefined> {
    const options: vscode.MessageOptions = { modal: request.modal ?? false, detail: request.detail };
    const actions = request.actions ?? [];
    switch (request.severity) {
      case 'error': return vscode.window.showErrorMessage(request.message, options, ...actions);
      case 'warning': return vscode.window.showWarningMessage(request.message, options, ...actions);
      default: return vscode.window.showInformationMessage(request.message, options, ...actions);
    }
  }

  status(message: string): void {
    // The status bar renders $(icon) syntax: a server-provided name in the message must not turn into an icon.
    vscode.window.setStatusBarMessage(`$(check) ${message.replace(/\$\(/g, '$\u200b(')}`, STATUS_MESSAGE_MS);
  }

  openExternal(url: string): Promise<boolean> {
    return Promise.resolve(vscode.env.openExternal(vscode.Uri.parse(url)));
  }

  progress<T>(request: ProgressRequest, task: (signal: AbortSignal, report: ProgressReport) => Promise<T>): Promise<T> {
    return Promise.resolve(
      vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: request.title, cancellable: request.cancellable },
        async (progress, token) => {
          const controller = new AbortController();
          const sub = token.onCancellationRequested(() => controller.abort());
          try {
            return await task(controller.signal, (message, increment) => progress.report({ message, increment }));
          } finally {
            sub.dispose();
          }
        },
      ),
    );
  }
}

/** Delegates to a replaceable UserInput (tests swap in a scripted one). */
export class SwitchableUserInput implements UserInput {
  constructor(private readonly fallback: UserInput, private override?: UserInput) {}

  set(ui: UserInput | undefined): void {
    this.override = ui;
  }
  private get target(): UserInput {
    return this.override ?? this.fallback;
  }
  inputBox(request: InputBoxRequest): Promise<string | Back | undefined> { return this.target.inputBox(request); }
  quickPick<T>(request: QuickPickRequest<T>): Promise<T | Back | undefined> { return this.target.quickPick(request); }
  searchPick<T>(request: SearchPickRequest<T>): Promise<SearchPickAnswer<T> | undefined> { return this.target.searchPick(request); }
  message(request: MessageRequest): Promise<string | undefined> { return this.target.message(request); }
  status(message: string): void { this.target.status(message); }
  openExternal(url: string): Promise<boolean> { return this.target.openExternal(url); }
  progress<T>(request: ProgressRequest, task: (signal: AbortSignal, report: ProgressReport) => Promise<T>): Promise<T> {
    return this.target.progress(request, task);
  }
}
