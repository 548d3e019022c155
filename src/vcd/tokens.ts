// API token objects of CloudAPI (GET /cloudapi/1.0.0/tokens, /tokens/{id}, /sessions/{id}/token).
import { ApiTokenInfo } from './types';
import { JsonObject, obj, str } from './json';

/** A CloudAPI Token object -> ApiTokenInfo (undefined when it has no id). */
export function toApiTokenInfo(json: JsonObject): ApiTokenInfo | undefined {
  const id = str(json, 'id');
  if (id === undefined || id === '') {
    return undefined;
  }
  const info: ApiTokenInfo = { id, name: str(json, 'name') ?? '', type: str(json, 'type') ?? '' };
  const owner = obj(json, 'owner');
  const org = obj(json, 'org');
  const optional: Partial<ApiTokenInfo> = {
    ownerName: str(owner, 'name'),
    ownerId: str(owner, 'id'),
    orgName: str(org, 'name'),
    expirationTimeUtc: str(json, 'expirationTimeUtc'),
  };
  for (const [key, value] of Object.entries(optional) as [keyof ApiTokenInfo, string | undefined][]) {
    if (value !== undefined) {
      (info as unknown as Record<string, string>)[key] = value;
    }
  }
  return info;
}

/** `urn:vcloud:token:<client_id>` */
export function tokenUrn(clientId: string): string {
  return clientId.startsWith('urn:vcloud:token:') ? clientId : `urn:vcloud:token:${clientId}`;
}
