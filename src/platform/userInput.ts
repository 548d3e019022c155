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
  message(request: MessageRequest): Promise<string | undefined> { return this.target.message(request); }
  status(message: string): void { this.target.status(message); }
  openExternal(url: string): Promise<boolean> { return this.target.openExternal(url); }
  progress<T>(request: ProgressRequest, task: (signal: AbortSignal, report: ProgressReport) => Promise<T>): Promise<T> {
    return this.target.progress(request, task);
  }
}
