// Every command handler by id (one file each).
import { Commands, type CommandId } from '../ids';
import { addSite } from './addSite';
import { copyAsCurl } from './copyAsCurl';
import { copyAsPowerShell } from './copyAsPowerShell';
import { copyAsTerraformImport } from './copyAsTerraformImport';
import { copyHref } from './copyHref';
import { copyId } from './copyId';
import { copyName } from './copyName';
import { cancelTask } from './cancelTask';
import { powerCommand } from './powerAction';
import { refreshTasks } from './refreshTasks';
import { refreshView } from './refreshView';
import type { CommandHandler } from './support/context';
import { workbench } from '../workbenchLoader';
import { loadMore } from './loadMore';
import { openApiPath } from './openApiPath';
import { openInPortal } from './openInPortal';
import { openResponse } from './openResponse';
import { refresh } from './refresh';
import { removeSite } from './removeSite';
import { retry } from './retry';
import { revokeToken } from './revokeToken';
import { rotateToken } from './rotateToken';
import { setToken } from './setToken';
import { showLog } from './showLog';
import { trustCertificate } from './trustCertificate';

export const commandHandlers: Record<CommandId, CommandHandler> = {
  [Commands.addSite]: addSite,
  [Commands.setToken]: setToken,
  [Commands.removeSite]: removeSite,
  [Commands.revokeToken]: revokeToken,
  [Commands.rotateToken]: rotateToken,
  [Commands.refresh]: refresh,
  [Commands.refreshView]: refreshView,
  [Commands.openResponse]: openResponse,
  [Commands.openApiPath]: openApiPath,
  [Commands.showLog]: showLog,
  [Commands.findVm]: (ctx, ...args) => workbench().findVm(ctx, ...args),
  [Commands.trustCertificate]: trustCertificate,
  [Commands.copyName]: copyName,
  [Commands.copyId]: copyId,
  [Commands.copyHref]: copyHref,
  [Commands.copyAsCurl]: copyAsCurl,
  [Commands.copyAsPowerShell]: copyAsPowerShell,
  [Commands.copyAsTerraformImport]: copyAsTerraformImport,
  [Commands.openInPortal]: openInPortal,
  [Commands.retry]: retry,
  [Commands.loadMore]: loadMore,
  [Commands.powerOn]: powerCommand('powerOn'),
  [Commands.powerOff]: powerCommand('powerOff'),
  [Commands.shutdown]: powerCommand('shutdown'),
  [Commands.reset]: powerCommand('reset'),
  [Commands.reboot]: powerCommand('reboot'),
  [Commands.suspend]: powerCommand('suspend'),
  [Commands.discardSuspendedState]: powerCommand('discardSuspendedState'),
  [Commands.cancelTask]: cancelTask,
  [Commands.refreshTasks]: refreshTasks,
  // In the workbench (dist/workbench.js), loaded on first use.
  [Commands.sendRequest]: (ctx, ...args) => workbench().sendRequest(ctx, ...args),
  [Commands.saveAsRequest]: (ctx, ...args) => workbench().saveAsRequest(ctx, ...args),
};
