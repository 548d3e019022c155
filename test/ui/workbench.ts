// What a person does in the VS Code workbench, as Playwright steps: the activity bar, the command
// palette, quick inputs, the Sites tree, notifications, dialogs and editor tabs. Every wait is on
// something appearing on screen (Playwright's auto-waiting locators), never a fixed sleep.
import type { Locator, Page } from 'playwright-core';

export const defaultTimeout = 30_000;

/** The few DOM members used inside page.evaluate (the project compiles without the DOM lib). */
interface DomElement {
  readonly textContent: string | null;
  readonly style: { top: string };
  getAttribute(name: string): string | null;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): ArrayLike<DomElement>;
}

export class WorkbenchDriver {
  constructor(readonly page: Page) {}

  // ---- activity bar and views -------------------------------------------------------------------

  activityBarItem(title: string): Locator {
    return this.page.locator(`.activitybar .action-item a[aria-label^="${title}"]`);
  }

  /** Clicks the activity-bar entry unless its container is already showing. */
  async openViewContainer(title: string): Promise<void> {
    const item = this.activityBarItem(title);
    await item.waitFor({ state: 'visible', timeout: defaultTimeout });
    const checked = await item.locator('xpath=..').getAttribute('aria-checked').catch(() => null);
    const expanded = await item.getAttribute('aria-expanded');
    if (checked !== 'true' && expanded !== 'true') await item.click();
    await this.page.locator('.sidebar .composite.title').filter({ hasText: title.toUpperCase() }).or(
      this.page.locator('.sidebar .composite.title').filter({ hasText: title }),
    ).first().waitFor({ timeout: defaultTimeout });
  }

  /** Drags the sash right of the side bar so the side bar is `width` pixels wide. */
  async resizeSideBar(width: number): Promise<void> {
    const sideBar = await this.page.locator('.part.sidebar').boundingBox();
    if (!sideBar) throw new Error('the side bar is not visible');
    const edge = sideBar.x + sideBar.width;
    const y = sideBar.y + sideBar.height / 2;
    await this.page.mouse.move(edge - 1, y);
    await this.page.mouse.down();
    await this.page.mouse.move(sideBar.x + width, y, { steps: 5 });
    await this.page.mouse.up();
  }

  /** Clicks an action in a view's title bar (e.g. "Refresh"). */
  async clickViewAction(viewName: string, label: string): Promise<void> {
    // A container with one view shows that view's actions in the container's title bar; with several (Sites and
    // Tasks), each view's header shows its actions while the pointer is on it, as for a person.
    const pane = this.viewPane(viewName);
    if ((await pane.count()) > 0 && (await this.page.locator('.sidebar .pane').count()) > 1) await pane.locator('.pane-header').first().hover();
    const header = pane.locator(`.pane-header .action-label[aria-label^="${label}"]`);
    const title = this.page.locator(`.sidebar .composite.title .action-label[aria-label^="${label}"]`);
    await header.or(title).filter({ visible: true }).first().click();
  }

  /** The view pane (header + body) whose header names the view. */
  viewPane(name: string): Locator {
    return this.page.locator('.sidebar .pane').filter({ has: this.page.locator(`.pane-header[aria-label^="${name}"]`) });
  }

  /** Opens a collapsed view of the container (e.g. "Tasks") by its header. */
  async expandView(viewName: string): Promise<void> {
    const header = this.viewPane(viewName).locator('.pane-header').first();
    await header.waitFor({ state: 'visible', timeout: defaultTimeout });
    if ((await header.getAttribute('aria-expanded')) !== 'true') await header.click();
    await this.viewPane(viewName).locator('.pane-header[aria-expanded="true"]').waitFor({ timeout: defaultTimeout });
  }

  welcome(viewName: string): Locator {
    return this.viewPane(viewName).locator('.welcome-view-content');
  }

  // ---- command palette and quick input ---------------------------------------------------------

  quickInput(): Locator {
    return this.page.locator('.quick-input-widget');
  }

  quickInputBox(): Locator {
    return this.quickInput().locator('.quick-input-box input');
  }

  /** F1, type the command's full title ("VCD: Add Site…"), pick exactly that entry. */
  async runCommand(fullTitle: string): Promise<void> {
    await this.page.locator('.monaco-workbench').focus().catch(() => undefined);
    await this.page.keyboard.press('F1');
    await this.quickInputBox().waitFor({ state: 'visible', timeout: defaultTimeout });
    await this.quickInputBox().fill(`>${fullTitle}`);
    const row = this.quickInput()
      .locator('.quick-input-list .monaco-list-row')
      .filter({ has: this.page.locator('.label-name', { hasText: fullTitle }) })
      .first();
    await row.waitFor({ state: 'visible', timeout: defaultTimeout });
    await row.click();
  }

  /** Waits for a quick input whose title contains `title` (e.g. "Add Site"), then returns its visible texts. */
  async waitForQuickInput(title: string | RegExp): Promise<{ title: string; prompt: string }> {
    const titleBar = this.quickInput().locator('.quick-input-title');
    await titleBar.filter({ hasText: title }).waitFor({ state: 'visible', timeout: defaultTimeout });
    return this.quickInputTexts();
  }

  async quickInputTexts(): Promise<{ title: string; prompt: string }> {
    const title = (await this.quickInput().locator('.quick-input-title').innerText()).trim();
    const prompt = (await this.quickInput().locator('.quick-input-message').innerText().catch(() => '')).trim();
    return { title, prompt };
  }

  /** Types into the open input box (replacing what is there) and presses Enter. */
  async answer(text: string): Promise<void> {
    const box = this.quickInputBox();
    await box.waitFor({ state: 'visible', timeout: defaultTimeout });
    await box.fill(text);
    await box.press('Enter');
  }

  /** Picks the quick-pick row whose label contains `label`. */
  async pick(label: string | RegExp): Promise<void> {
    const row = this.quickInput().locator('.quick-input-list .monaco-list-row').filter({ has: this.page.locator('.label-name', { hasText: label }) }).first();
    await row.waitFor({ state: 'visible', timeout: defaultTimeout });
    await row.click();
  }

  /** The Back arrow of a multi-step input. */
  async back(): Promise<void> {
    await this.quickInput().locator('.quick-input-left-action-bar .action-label').first().click();
  }

  /** Waits until the open input shows a validation message matching `text`; returns the message. */
  async validationMessage(text: string | RegExp): Promise<string> {
    const message = this.quickInput().locator('.quick-input-message').filter({ hasText: text });
    await message.waitFor({ state: 'visible', timeout: defaultTimeout });
    return (await message.innerText()).trim();
  }

  async quickInputClosed(): Promise<void> {
    await this.quickInput().waitFor({ state: 'hidden', timeout: defaultTimeout });
  }

  // ---- tree ------------------------------------------------------------------------------------

  treeRows(viewName: string): Locator {
    return this.viewPane(viewName).locator('.monaco-list-row');
  }

  treeRow(viewName: string, label: string | RegExp): Locator {
    return this.treeRows(viewName).filter({ has: this.page.locator('.label-name', { hasText: label }) }).first();
  }

  /** Hovers a row and clicks one of its inline actions (e.g. "Refresh"). */
  async clickRowAction(row: Locator, label: string): Promise<void> {
    await row.hover();
    await row.locator(`.actions .action-label[aria-label^="${label}"]`).click();
  }

  /** Right-clicks a row and chooses an entry of its context menu (e.g. "Power Off"). */
  async contextMenu(row: Locator, entry: string): Promise<void> {
    await row.click({ button: 'right' });
    const item = this.page.locator('.context-view .monaco-menu .action-item .action-label').filter({ hasText: new RegExp(`^${entry.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }).first();
    await item.waitFor({ state: 'visible', timeout: defaultTimeout });
    await item.click();
  }

  /** The entries of a row's context menu, then closes it (Escape). */
  async contextMenuEntries(row: Locator): Promise<string[]> {
    await row.click({ button: 'right' });
    const menu = this.page.locator('.context-view .monaco-menu');
    await menu.waitFor({ state: 'visible', timeout: defaultTimeout });
    const entries = (await menu.locator('.action-item:not(.disabled) .action-label').allInnerTexts()).map((t) => t.trim()).filter(Boolean);
    await this.page.keyboard.press('Escape');
    await menu.waitFor({ state: 'hidden', timeout: defaultTimeout });
    return entries;
  }

  /** Adds a row to the selection (Ctrl+click). */
  async addToSelection(row: Locator): Promise<void> {
    await row.click({ modifiers: ['Control'] });
    await row.and(this.page.locator('[aria-selected="true"]')).waitFor({ timeout: defaultTimeout });
  }

  /** Rows at one depth of the tree (1 = top level). */
  treeRowsAtLevel(viewName: string, level: number): Locator {
    return this.treeRows(viewName).and(this.page.locator(`[aria-level="${level}"]`));
  }

  async expand(row: Locator): Promise<void> {
    await row.waitFor({ state: 'visible', timeout: defaultTimeout });
    if ((await row.getAttribute('aria-expanded')) !== 'true') {
      await row.locator('.monaco-tl-twistie').click();
    }
    await row.and(this.page.locator('[aria-expanded="true"]')).waitFor({ timeout: defaultTimeout });
  }

  /** Label and description of each visible row of a view, in order. */
  async treeTexts(viewName: string): Promise<{ label: string; description: string; level: number }[]> {
    return this.treeRows(viewName).evaluateAll((elements) =>
      (elements as unknown as DomElement[]).map((row) => ({
        label: row.querySelector('.label-name')?.textContent?.trim() ?? '',
        description: row.querySelector('.label-description')?.textContent?.trim() ?? '',
        level: Number(row.getAttribute('aria-level') ?? '0'),
      })),
    );
  }

  // ---- notifications and dialogs ---------------------------------------------------------------

  notification(text: string | RegExp): Locator {
    return this.page.locator('.notifications-toasts .notification-toast').filter({ hasText: text }).first();
  }

  async clickNotificationButton(notification: Locator, button: string): Promise<void> {
    await notification.locator('.monaco-button', { hasText: button }).first().click();
  }

  /** Opens the notification center and returns its text (for failure reports). */
  async notificationCenterText(): Promise<string> {
    await this.runCommand('Notifications: Show Notifications');
    const center = this.page.locator('.notifications-center');
    await center.waitFor({ state: 'visible', timeout: 10_000 });
    const text = await center.innerText();
    await this.page.keyboard.press('Escape');
    return text;
  }

  /** Opens "VCD: Show Log" and returns the visible lines of the Output panel. */
  async extensionLog(): Promise<string> {
    await this.page.keyboard.press('Escape');
    await this.runCommand('VCD: Show Log');
    const lines = this.page.locator('.part.panel .monaco-editor .view-lines').first();
    await lines.waitFor({ state: 'visible', timeout: 10_000 });
    return lines.innerText();
  }

  /** Closes every notification toast with its own close (X) button. */
  async dismissNotifications(): Promise<void> {
    // Only the toasts a person sees: a toast that timed out stays in the DOM, hidden, until the list is redrawn.
    const toasts = this.page.locator('.notifications-toasts .notification-toast').filter({ visible: true });
    for (let shown = await toasts.count(); shown > 0; shown = await toasts.count()) {
      const toast = toasts.first();
      try {
        await toast.hover({ timeout: 5000 });
        await toast.locator('.codicon-notifications-clear').first().click({ timeout: 5000 });
      } catch {
        // It hid by itself meanwhile (toasts without actions time out); the wait below tells.
      }
      await toast.waitFor({ state: 'hidden', timeout: defaultTimeout });
    }
  }

  dialog(): Locator {
    return this.page.locator('.monaco-dialog-box');
  }

  async clickDialogButton(button: string | RegExp): Promise<void> {
    await this.dialog().locator('.dialog-buttons .monaco-button', { hasText: button }).first().click();
  }

  // ---- editors ---------------------------------------------------------------------------------

  activeTab(): Locator {
    return this.page.locator('.tabs-container .tab.active');
  }

  tab(label: string | RegExp): Locator {
    return this.page.locator('.tabs-container .tab').filter({ hasText: label }).first();
  }

  /** The text the active editor shows (visible lines only, in order). */
  async activeEditorText(): Promise<string> {
    const editor = this.page.locator('.editor-group-container.active .monaco-editor .view-lines').first();
    await editor.waitFor({ state: 'visible', timeout: defaultTimeout });
    return editor.evaluate((element) =>
      Array.from((element as unknown as DomElement).querySelectorAll('.view-line'))
        .sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top))
        .map((line) => (line.textContent ?? '').replace(/\u00a0/g, ' '))
        .join('\n'),
    );
  }
}
