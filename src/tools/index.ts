// The language-model tools for VS Code's chat (package.json contributes.languageModelTools). Each answer is one text
// for the model; a tool never throws at VS Code (a failure is an answer saying what went wrong and what fixes it).
// Every answer is capped and cleared of tokens: the stored API tokens literally, and access tokens and other
// credentials a server may echo by the log redactor's patterns.
import * as vscode from 'vscode';
import { redact } from '../vcd';
import { describeTool } from './describe';
import { findVmsTool } from './findVms';
import { getApi } from './getApi';
import { listSites } from './listSites';
import { listTasks } from './listTasks';
import { powerActionTool } from './powerAction';
import { failure, ToolError, type Input, type ToolContext, type ToolSpec } from './shared';

export type { ToolContext } from './shared';

/** Longest answer, in characters. */
export const MAX_RESULT_CHARS = 24_000;

const TOOLS: Record<string, ToolSpec> = {
  vcd_listSites: listSites,
  vcd_findVms: findVmsTool,
  vcd_describe: describeTool,
  vcd_listTasks: listTasks,
  vcd_getApi: getApi,
  vcd_powerAction: powerActionTool,
};

function withSignal<T>(token: vscode.CancellationToken, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const sub = token.onCancellationRequested(() => controller.abort());
  return work(controller.signal).finally(() => {
    sub.dispose();
  });
}

function inputOf(options: { input: unknown }): Input {
  const input = options.input;
  return typeof input === 'object' && input !== null && !Array.isArray(input) ? (input as Input) : {};
}

async function answer(ctx: ToolContext, name: string, spec: ToolSpec, options: vscode.LanguageModelToolInvocationOptions<unknown>, token: vscode.CancellationToken): Promise<vscode.LanguageModelToolResult> {
  let text: string;
  try {
    text = await withSignal(token, (signal) => spec.invoke(ctx, inputOf(options), signal, options.toolInvocationToken !== undefined));
  } catch (err) {
    text = err instanceof ToolError ? err.message : `${name} failed: ${failure(err)}`;
  }
  for (const secret of await Promise.all(ctx.config.settings.sites.map((s) => ctx.tokens.getApiToken(s.id)))) {
    if (secret !== undefined && secret.length >= 8) text = text.split(secret).join('***');
  }
  text = redact(text);
  if (text.length > MAX_RESULT_CHARS) text = `${text.slice(0, MAX_RESULT_CHARS)}\n[truncated: the answer was longer than ${MAX_RESULT_CHARS} characters]`;
  ctx.log.info(`Chat tool ${name}: answered with ${text.length} characters`);
  return new vscode.LanguageModelToolResult([new vscode.LanguageModelTextPart(text)]);
}

/** The tools by name, to register with vscode.lm.registerTool. */
export function createTools(ctx: ToolContext): Map<string, vscode.LanguageModelTool<unknown>> {
  return new Map(Object.entries(TOOLS).map(([name, spec]): [string, vscode.LanguageModelTool<unknown>] => {
    const prepare = spec.prepare;
    return [name, {
      invoke: (options, token) => answer(ctx, name, spec, options, token),
      prepareInvocation: prepare && ((options, token) => withSignal(token, (signal) => prepare(ctx, inputOf(options), signal))),
    }];
  }));
}
