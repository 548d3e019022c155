// The extension's one log: a LogOutputChannel "Cloud Director". Every line passes through the core's
// redactor, whoever wrote it. Created in activate(), never at import time.
import * as vscode from 'vscode';
import { LogChannelName } from '../ids';
import { redact, type LogEntry, type LogHook } from '../vcd';

const RECENT_LINES = 2000;

export class Log implements vscode.Disposable {
  private readonly channel: vscode.LogOutputChannel;
  /** The last lines written, for the test API's token scan (never persisted). */
  private readonly recent: string[] = [];

  constructor(channel?: vscode.LogOutputChannel) {
    this.channel = channel ?? vscode.window.createOutputChannel(LogChannelName, { log: true });
  }

  /** The hook the core's clients write to. */
  readonly hook: LogHook = (entry: LogEntry) => this.write(entry.level, entry.message);

  trace(message: string): void { this.write('trace', message); }
  debug(message: string): void { this.write('debug', message); }
  info(message: string): void { this.write('info', message); }
  warn(message: string): void { this.write('warn', message); }
  error(message: string): void { this.write('error', message); }

  /** The channel's level in the core's terms (trace builds redacted header/body lines). */
  level(): LogEntry['level'] {
    switch (this.channel.logLevel) {
      case vscode.LogLevel.Trace: return 'trace';
      case vscode.LogLevel.Debug: return 'debug';
      case vscode.LogLevel.Info: return 'info';
      case vscode.LogLevel.Warning: return 'warn';
      default: return 'error';
    }
  }

  show(): void {
    this.channel.show(true);
  }

  recentLines(): readonly string[] {
    return this.recent;
  }

  private write(level: LogEntry['level'], message: string): void {
    const line = redact(message);
    this.recent.push(`[${level}] ${line}`);
    if (this.recent.length > RECENT_LINES) this.recent.splice(0, this.recent.length - RECENT_LINES);
    switch (level) {
      case 'error': this.channel.error(line); break;
      case 'warn': this.channel.warn(line); break;
      case 'info': this.channel.info(line); break;
      case 'debug': this.channel.debug(line); break;
      default: this.channel.trace(line);
    }
  }

  dispose(): void {
    this.channel.dispose();
  }
}
