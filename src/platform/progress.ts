// Progress notifications whose Cancel button aborts the work (AbortSignal into the core).
import * as vscode from 'vscode';

export function withCancellableProgress<T>(title: string, task: (signal: AbortSignal) => Promise<T>): Promise<T> {
  return Promise.resolve(
    vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (_progress, token) => {
      const controller = new AbortController();
      const sub = token.onCancellationRequested(() => controller.abort());
      try {
        return await task(controller.signal);
      } finally {
        sub.dispose();
      }
    }),
  );
}
