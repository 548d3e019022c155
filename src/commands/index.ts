// Every command handler by id (one file each).
import { Commands, type CommandId } from '../ids';
import { addSite } from './addSite';
import { findVm } from './findVm';
import type { CommandHandler } from './context';
import { loadMore } from './loadMore';
import { openApiPath } from './openApiPath';
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
  [Commands.openResponse]: openResponse,
  [Commands.openApiPath]: openApiPath,
  [Commands.showLog]: showLog,
  [Commands.findVm]: findVm,
  [Commands.trustCertificate]: trustCertificate,
  [Commands.retry]: retry,
  [Commands.loadMore]: loadMore,
};
