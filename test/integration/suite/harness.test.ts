// Proves the editor harness itself: this suite runs inside a real VS Code extension host, with this
// repository loaded in development mode.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, SitesViewId, ViewContainerId } from '../../../src/ids';

interface ViewContribution {
  id: string;
  name: string;
}
interface Contributes {
  viewsContainers?: { activitybar?: { id: string; title: string }[] };
  views?: Record<string, ViewContribution[]>;
}

describe('editor harness', () => {
  it('runs inside VS Code 1.100 with a local workspace folder', () => {
    assert.match(vscode.version, /^1\.100\./);
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'a workspace folder is open');
    assert.equal(folder.uri.scheme, 'file');
  });

  it('loads the extension under development and activates it', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is installed`);
    await extension.activate();
    assert.equal(extension.isActive, true);
  });

  it('contributes the Cloud Director activity-bar container with the Sites view', () => {
    const contributes = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON.contributes as Contributes;
    const container = contributes.viewsContainers?.activitybar?.find((c) => c.id === ViewContainerId);
    assert.equal(container?.title, 'Cloud Director');
    const view = contributes.views?.[ViewContainerId]?.find((v) => v.id === SitesViewId);
    assert.equal(view?.name, 'Sites');
  });

  it('can focus the Sites view through the command VS Code generates for it', async () => {
    await vscode.commands.executeCommand(`${SitesViewId}.focus`);
  });
});
