// GET /api/versions (no authentication).
import type { Ctx, Reply } from '../http';
import type { SimState } from '../state';
import { highest, versionsXml } from '../versions';

export function getVersions(state: SimState, ctx: Ctx): Reply {
  const v = ctx.acceptVersion && state.versions.supported.includes(ctx.acceptVersion) ? ctx.acceptVersion : highest(state.versions);
  return { status: 200, headers: { 'Content-Type': `application/vnd.vmware.vcloud.versions+xml;version=${v}` }, body: versionsXml(state.versions, ctx.base) };
}
