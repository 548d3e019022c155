// Progress notifications whose Cancel button aborts the work (AbortSignal into the core). One notification
// can cover several steps: `report` updates its message ("Title: message").
import * as vscode from 'vscode';

export type ReportStep = (message: string) => void;

export function withCancellableProgress<T>(title: string, task: (signal: AbortSignal, report: ReportStep) => Promise<T>): Promise<T> {
  return Promise.resolve(
    vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (progress, token) => {
      const controller = new AbortController();
      const sub = token.onCancellationRequested(() => controller.abort());
      try {
        return await task(controller.signal, (message) => progress.report({ message }));
      } finally {
        sub.dispose();
      }
    }),
  );
}
