// Status bar item showing the request behind the active `vcd-api` document (status, API version, time).
import * as vscode from 'vscode';
import { ApiDocumentScheme, Commands } from '../ids';
import type { ApiDocumentProvider } from './apiDocumentProvider';
import { requestSummary } from './render';

export class ApiDocumentStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('vcd.apiDocument', vscode.StatusBarAlignment.Left, 100);
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(private readonly provider: ApiDocumentProvider) {
    this.item.name = 'Cloud Director API Response';
    this.subscriptions.push(
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
      provider.onDidChange(() => this.update()),
    );
    this.update();
  }

  private update(): void {
    const uri = vscode.window.activeTextEditor?.document.uri;
    const response = uri?.scheme === ApiDocumentScheme ? this.provider.response(uri) : undefined;
    if (!uri || !response) {
      this.item.hide();
      return;
    }
    this.item.text = `$(cloud) ${response.status} · API ${response.apiVersion} · ${response.durationMs} ms`;
    const tooltip = new vscode.MarkdownString();
    tooltip.appendCodeblock(requestSummary(response).join('\n'), 'http');
    this.item.tooltip = tooltip;
    this.item.command = { command: Commands.refresh, title: 'Refresh', arguments: [uri] };
    this.item.show();
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.item.dispose();
  }
}
