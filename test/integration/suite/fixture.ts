// Shared state of the extension-host suites: one simulator and the extension's test API.
import * as assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import * as vscode from 'vscode';
import type { CloudDirectorApi } from '../../../src/extension';
import { EXTENSION_ID } from '../../../src/ids';
import type { TreeNode } from '../../../src/tree/node';
import { startSimulator, type Simulator } from '../../simulator';
import { ScriptedUserInput, type Step } from './scriptedInput';

export type TestApi = NonNullable<CloudDirectorApi['test']>;

interface Fixture {
  sim: Simulator;
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
    const sim = await startSimulator({ size: 'demo' });
    return { sim, api: exported.test, secrets: new Set([sim.tenant.apiToken, sim.provider.apiToken, sim.tenant.password, sim.provider.password]), scripts: [] };
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
