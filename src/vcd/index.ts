// The pure core: the VCD API client. No `vscode` import anywhere in src/vcd.
export * from './types';
export * from './errors';
export { normaliseBaseUrl, isSystemOrg, isLoopbackHost, hostOf } from './url';
export { entityUrn, uuidOfHref } from './entityId';
export { acceptFor } from './accept';
export { prepareApiRequest, acceptWithVersion, API_REQUEST_METHODS, MAX_REQUEST_HEADERS, MAX_REQUEST_BODY_CHARS } from './apiRequest';
export type { ApiRequest, ApiRequestMethod } from './apiRequest';
export { MEDIA_TYPES } from './accept';
export { RECORD_ELEMENT } from './records';
export type { EntityKind } from './entityId';
export { fetchVersions, negotiateVersion, parseVersions, compareVersions, CLIENT_VERSIONS } from './versions';
export { probeCertificate, normaliseFingerprint } from './tls';
export type { ProbeOptions } from './tls';
export type { ProbeProxy } from './tunnel';
export { exchangeApiToken, oauthBase } from './oauth';
export { filterEq, filterNe, filterLike, filterAnd, filterOr, escapeFilterValue } from './filter';
export { MAX_PAGE_SIZE, MAX_PAGES, DEFAULT_CONCURRENCY } from './query';
export { RATE_LIMIT_MAX_WAIT_SECONDS } from './rateLimit';
export { parseQueryAnswer, parseQueryPage, parseQueryPageJson, resourceStatus, vdcStatus } from './records';
export type { QueryPage } from './records';
export { parseOrgList, parseOrgDocument, MAX_ORG_LIST_ENTRIES } from './orgs';
export type { OrgReference, OrgDocument } from './orgs';
export { redact } from './redact';
export { VcdClient } from './client';
export {
  POWER_ACTIONS, isPowerAction, powerActionLabel, statusesFor, refusalByRecord, refusalByEntity, actionsForRecord, busyTasks,
  powerRequest, parseEntity, toolsNotRunning, UNDEPLOY_PARAMS_TYPE,
} from './power';
export type { PowerTargetKind } from './power';
export {
  parseTask, taskStatus, isTaskFinished, isTaskFailed, taskFailure, waitForTask, sleep, MAX_TASK_TEXT,
  TASK_INITIAL_DELAY_MS, TASK_MAX_DELAY_MS, TASK_MAX_WAIT_MS,
} from './tasks';
export type { TaskWaitOptions, Sleep } from './tasks';
export { findVms, vmSearchFilter, looksLikeIpAddress, VM_SEARCH_PAGE_SIZE, MAX_VM_SEARCH_LENGTH } from './findVms';
export type { VmSearchClient, VmSearchOptions, VmSearchResult } from './findVms';
export { login, UserSession } from './userSession';
export { RESOURCE_STATUSES, statusInWords, statusAfterItIs } from './status';
