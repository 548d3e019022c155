// Loads the workbench (src/workbench.ts: hypertext, request files, chat tools) on first use: it is not needed for the
// first tree paint, so the main bundle neither holds nor loads it at activation. The workbench takes every module it
// shares with the main bundle from `workbenchShared` (esbuild.mjs checks that each module it asks for is listed here,
// and test/unit/workbenchShared.test.ts each name).
import * as path from 'node:path';
import { reportOutcome } from './commands/support/notify';
import { openApiDocument } from './commands/support/openDocument';
import { openResponse } from './commands/openResponse';
import { pickSite } from './commands/support/pickSite';
import { ApiDocumentProvider } from './documents/apiDocumentProvider';
import { apiPathOfHref, fromUriComponents, lastSegment, sameResource } from './documents/uri';
import { ApiDocumentScheme, Commands, RequestLanguageId } from './ids';
import { confirmationFor, summarize, targetWords, where } from './operations/power';
import { CancelledByUser, FIX_LABELS, fixesFor, messageOf } from './platform/errorText';
import { resourceNodeId } from './tree/node';
import { operationWords, taskStatusWords, taskTooltip, vappTooltip, vdcTooltip, vmIcon, vmTooltip } from './tree/present';
import { vmRevealSteps } from './tree/revealPath';
import { mergeTasks } from './tree/taskList';
import { MAX_REQUEST_HEADERS, MAX_VM_SEARCH_LENGTH, MEDIA_TYPES, POWER_ACTIONS, RECORD_ELEMENT, actionsForRecord, filterAnd, filterEq, filterOr, findVms, hostOf, isCancellation, isPowerAction, isTaskFailed, isTokenProblem, isVcdError, parseTask, powerActionLabel, prepareApiRequest, redact, refusalByRecord, statusInWords, taskFailure, uuidOfHref } from './vcd';
import { decodeXmlEntities } from './vcd/xml';
import type * as Workbench from './workbench';

/**
 * What the workbench takes from this bundle, by module path under src/ and name: exactly what its files import, so the
 * main bundle keeps nothing for it that it does not use itself (test/unit/workbenchShared.test.ts compares the two).
 */
export const workbenchShared: Record<string, Record<string, unknown>> = {
  'commands/support/notify': { reportOutcome },
  'commands/support/openDocument': { openApiDocument },
  'commands/openResponse': { openResponse },
  'commands/support/pickSite': { pickSite },
  'documents/apiDocumentProvider': { ApiDocumentProvider },
  'documents/uri': { apiPathOfHref, fromUriComponents, lastSegment, sameResource },
  'ids': { ApiDocumentScheme, Commands, RequestLanguageId },
  'operations/power': { confirmationFor, summarize, targetWords, where },
  'platform/errorText': { CancelledByUser, FIX_LABELS, fixesFor, messageOf },
  'tree/node': { resourceNodeId },
  'tree/present': { operationWords, taskStatusWords, taskTooltip, vappTooltip, vdcTooltip, vmIcon, vmTooltip },
  'tree/revealPath': { vmRevealSteps },
  'tree/taskList': { mergeTasks },
  'vcd/index': { MAX_REQUEST_HEADERS, MAX_VM_SEARCH_LENGTH, MEDIA_TYPES, POWER_ACTIONS, RECORD_ELEMENT, actionsForRecord, filterAnd, filterEq, filterOr, findVms, hostOf, isCancellation, isPowerAction, isTaskFailed, isTokenProblem, isVcdError, parseTask, powerActionLabel, prepareApiRequest, redact, refusalByRecord, statusInWords, taskFailure, uuidOfHref },
  'vcd/xml': { decodeXmlEntities },
};

let loaded: typeof Workbench | undefined;

/** The workbench module, loaded the first time it is asked for (from beside this file: dist/ or out/src/). */
export function workbench(): typeof Workbench {
  // A require the bundler does not follow: the workbench is its own file.
  const load = require as (id: string) => unknown;
  loaded ??= load(path.join(__dirname, 'workbench.js')) as typeof Workbench;
  return loaded;
}
