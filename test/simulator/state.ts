// Everything the route handlers share.
import type { AuthStore, Session } from './auth';
import type { Inventory, Org, User } from './inventory';
import type { QueryService } from './query';
import type { AnyTypeDef, Hrefs, QueryTypeName } from './queryTypes';
import type { TaskEngine } from './tasks';
import type { VersionTable } from './versions';

export interface SimConfig {
  invalidGrantStatus: 400 | 401;
  allowSelfRevoke: boolean;
  /** Largest page size of /api/query and CloudAPI lists (VCD: 128). */
  maxPageSize: number;
}

export interface SimState {
  inv: Inventory;
  auth: AuthStore;
  versions: VersionTable;
  query: QueryService;
  types: Record<QueryTypeName, AnyTypeDef>;
  hrefs: Hrefs;
  config: SimConfig;
  /** Tasks of power actions; they change entities, so the query service is rebuilt on every change. */
  tasks: TaskEngine;
}

export const ref = {
  org: (o: Org) => ({ name: o.name, id: `urn:vcloud:org:${o.id}` }),
  user: (u: User) => ({ name: u.name, id: `urn:vcloud:user:${u.id}` }),
};

/** Role-based visibility of API tokens for a password session. */
export function canSeeTokenOf(viewer: Session, owner: User): boolean {
  if (viewer.user.org.isSystem) return true;
  if (viewer.user.role === 'Organization Administrator') return owner.org === viewer.user.org;
  return owner === viewer.user;
}
