// Puts text on the clipboard and says in the status bar what was copied.
import * as vscode from 'vscode';
import type { CommandContext } from './context';

export async function copyToClipboard(ctx: CommandContext, text: string, what: string): Promise<void> {
  await vscode.env.clipboard.writeText(text);
  ctx.ui.status(`Copied ${what}`);
}
