// Shared state of the extension-host suites: the extension's test API and what the leak scan looks for. Each suite
// starts its own simulator and adds its own sites (test/support/extensionSites.ts), so any suite file runs alone.
import * as assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import * as vscode from 'vscode';
import type { CloudDirectorApi } from '../../../src/extension';
import { EXTENSION_ID } from '../../../src/ids';
import type { TreeNode } from '../../../src/tree/node';
import type { Simulator } from '../../simulator';
import { ScriptedUserInput, type Step } from './scriptedInput';

export type TestApi = NonNullable<CloudDirectorApi['test']>;

interface Fixture {
  api: TestApi;
  /** Every token string the tests have seen (for the leak scan). */
  secrets: Set<string>;
  /** Every scripted input used (for the leak scan of messages). */
  scripts: ScriptedUserInput[];
}

const holder: { fixture?: Promise<Fixture> } = {};

export function fixture(): Promise<Fixture> {
  holder.fixture ??= (async () => {
    const extension = vscode.extensions.getExtension<CloudDirectorApi>(EXTENSION_ID);
    assert.ok(extension, 'extension installed');
    const exported = await extension.activate();
    assert.ok(exported.test, 'test API present in test mode');
    await vscode.workspace.getConfiguration('vcd').update('sites', [], vscode.ConfigurationTarget.Global);
    return { api: exported.test, secrets: new Set<string>(), scripts: [] };
  })();
  return holder.fixture;
}

/** Runs a command with a scripted conversation and asserts the script was followed exactly. */
export async function withScript<T>(steps: Step[], action: () => Thenable<T>): Promise<{ result: T; script: ScriptedUserInput }> {
  const f = await fixture();
  const script = new ScriptedUserInput(steps);
  f.scripts.push(script);
  f.api.setUserInput(script);
  try {
    const result = await action();
    script.assertDone();
    return { result, script };
  } finally {
    f.api.setUserInput(undefined);
  }
}

export async function children(node?: TreeNode): Promise<TreeNode[]> {
  const f = await fixture();
  return f.api.tree.getChildren(node);
}

/** The nodes `depth` levels below `node` (the node itself at depth 0). */
export async function descendants(node: TreeNode, depth: number): Promise<TreeNode[]> {
  if (depth === 0) return [node];
  const kids = await children(node);
  return (await Promise.all(kids.map((k) => descendants(k, depth - 1)))).flat();
}

export const isVm = (node: TreeNode): boolean => /^vcd\.vm\b/.test(node.getTreeItem().contextValue ?? '');

/** A scripted pick that chooses the item whose value passes `pred`. */
export function pickByValue(pred: (v: unknown) => boolean) {
  return (items: { value: unknown }[]) => items.find((i) => pred(i.value))?.value;
}

export function item(node: TreeNode): vscode.TreeItem {
  return node.getTreeItem();
}

export function label(node: TreeNode): string {
  const l = node.getTreeItem().label;
  return typeof l === 'string' ? l : (l?.label ?? '');
}

export async function siteNode(siteId: string): Promise<TreeNode> {
  const node = (await children()).find((n) => n.id === `site:${siteId}`);
  assert.ok(node, `site ${siteId} in the tree`);
  return node;
}

export function tooltipText(node: TreeNode): string {
  const t = node.getTreeItem().tooltip;
  return typeof t === 'string' ? t : (t?.value ?? '');
}

/** SHA-256 fingerprint of a PEM certificate (undefined when there is none). */
export function fingerprintOf(pem: string | undefined): string | undefined {
  return pem === undefined ? undefined : new X509Certificate(pem).fingerprint256;
}

export function hostOf(sim: Simulator): string {
  return new URL(sim.url).host;
}

/** Sets (or with undefined, removes) a `vcd.` user setting and waits until the extension reads `expected`. */
export async function setSetting<K extends keyof TestApi['config']['settings']>(key: K, value: unknown, expected: TestApi['config']['settings'][K]): Promise<void> {
  const f = await fixture();
  let sub: vscode.Disposable | undefined;
  const read = new Promise<void>((resolve) => {
    sub = f.api.config.onDidChange((settings) => {
      if (settings[key] === expected) resolve();
    });
  });
  try {
    await vscode.workspace.getConfiguration('vcd').update(key, value, vscode.ConfigurationTarget.Global);
    if (f.api.config.settings[key] !== expected) await read;
  } finally {
    sub?.dispose();
  }
}
