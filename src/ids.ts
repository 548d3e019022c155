// Every public name of the extension in one leaf module: command ids, view ids, context keys,
// contextValue kinds and the URI scheme. Nothing here imports anything.

export const EXTENSION_ID = 'cloud-director-explorer.cloud-director-explorer';

export const ViewContainerId = 'vcd';
export const SitesViewId = 'vcd.sites';
/** Recent and running VCD tasks per site. */
export const TasksViewId = 'vcd.tasks';
export const ConfigSection = 'vcd';
export const LogChannelName = 'Cloud Director';

export const Commands = {
  addSite: 'vcd.addSite',
  setToken: 'vcd.setToken',
  removeSite: 'vcd.removeSite',
  revokeToken: 'vcd.revokeToken',
  rotateToken: 'vcd.rotateToken',
  refresh: 'vcd.refresh',
  /**
   * The Sites view title's Refresh (the whole view). Its own command: with several nodes selectable, VS Code passes the
   * title's command the focused node just as a node's menu passes its node.
   */
  refreshView: 'vcd.refreshView',
  openResponse: 'vcd.openResponse',
  openApiPath: 'vcd.openApiPath',
  showLog: 'vcd.showLog',
  /** Search the VMs of every site as you type; reveal the chosen one in the Sites view (or open its API response). */
  findVm: 'vcd.findVm',
  /** Read a site's certificate, show it and trust exactly it for that site (error nodes, error messages, palette). */
  trustCertificate: 'vcd.trustCertificate',
  /** Copy and open (resource nodes only: hidden from the palette). */
  copyName: 'vcd.copyName',
  copyId: 'vcd.copyId',
  copyHref: 'vcd.copyHref',
  copyAsCurl: 'vcd.copyAsCurl',
  copyAsPowerShell: 'vcd.copyAsPowerShell',
  copyAsTerraformImport: 'vcd.copyAsTerraformImport',
  openInPortal: 'vcd.openInPortal',
  /** Internal (tree nodes): retry a failed load. */
  retry: 'vcd.retry',
  /** Internal (tree nodes): list more children beyond vcd.maxChildren. */
  loadMore: 'vcd.loadMore',
  /** Power actions on VM and vApp nodes (one or several selected). */
  powerOn: 'vcd.powerOn',
  powerOff: 'vcd.powerOff',
  shutdown: 'vcd.shutdown',
  reset: 'vcd.reset',
  reboot: 'vcd.reboot',
  suspend: 'vcd.suspend',
  discardSuspendedState: 'vcd.discardSuspendedState',
  /** Ask VCD to cancel a running task (Tasks view, busy VM or vApp nodes). */
  cancelTask: 'vcd.cancelTask',
  /** Internal (Tasks view title and site nodes): list the recent tasks again. */
  refreshTasks: 'vcd.refreshTasks',
  /** Request files: send the request under the cursor (or of a CodeLens); a raw document's GET as a request file. */
  sendRequest: 'vcd.sendRequest',
  saveAsRequest: 'vcd.saveAsRequest',
} as const;
export type CommandId = (typeof Commands)[keyof typeof Commands];

export const ContextKeys = {
  /** True once the site list has been read from the settings. */
  loaded: 'vcd.loaded',
  /** True when at least one site is configured. */
  hasSites: 'vcd.hasSites',
} as const;

/** Node kinds as they appear in `contextValue` (`vcd.<kind>+<state>`). */
export const NodeKinds = ['site', 'org', 'vdc', 'vapp', 'vm', 'error', 'setToken', 'loadMore', 'message', 'taskSite', 'task'] as const;
export type NodeKind = (typeof NodeKinds)[number];

export const ApiDocumentScheme = 'vcd-api';

/** The language of request files (`*.vcd-http`). */
export const RequestLanguageId = 'vcd-http';

/** globalState key: ids of the sites whose tokens this extension may hold (to delete them when a site is gone). */
export const KnownSitesKey = 'vcd.knownSites';
