// Session objects of CloudAPI (POST /cloudapi/1.0.0/sessions, GET /sessions/current).
import { UserSessionInfo } from './types';
import { JsonObject, arr, obj, str } from './json';

/** A CloudAPI Session -> UserSessionInfo (undefined when it has no id). */
export function toUserSessionInfo(json: JsonObject): UserSessionInfo | undefined {
  const id = str(json, 'id');
  if (id === undefined || id === '') {
    return undefined;
  }
  const roles = arr(json, 'roles').filter((r): r is string => typeof r === 'string');
  const roleRefs = arr(json, 'roleRefs')
    .map((r) => (r !== null && typeof r === 'object' ? str(r as JsonObject, 'name') : undefined))
    .filter((r): r is string => r !== undefined);
  return {
    id,
    userName: str(obj(json, 'user'), 'name') ?? '',
    orgName: str(obj(json, 'org'), 'name') ?? '',
    roles: roles.length > 0 ? roles : roleRefs,
  };
}
