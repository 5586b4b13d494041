import { existsSync, readFileSync } from 'node:fs';
import type { Pool } from 'pg';

export interface WorkGroupGroup {
  readonly code: number;
  readonly keycloakGroup: string;
}

interface RealmGroup {
  name?: string;
  path?: string;
  attributes?: Record<string, string[]>;
  subGroups?: RealmGroup[];
}

/**
 * Work groups as the shipped Keycloak realm declares them: groups under /work-groups whose `code`
 * attribute is the catalogue code. Empty when the file is absent (a production image has none;
 * there the catalogue-name rule of rm_work_group_access applies, or rows set by hand).
 */
export function readRealmWorkGroups(file: string): WorkGroupGroup[] {
  if (!existsSync(file)) return [];
  const realm = JSON.parse(readFileSync(file, 'utf8')) as { groups?: RealmGroup[] };
  const found: WorkGroupGroup[] = [];
  const visit = (groups: readonly RealmGroup[] | undefined): void => {
    for (const group of groups ?? []) {
      const code = Number(group.attributes?.code?.[0]);
      if (group.name && group.path?.startsWith('/work-groups/') && Number.isInteger(code)) found.push({ code, keycloakGroup: group.name });
      visit(group.subGroups);
    }
  };
  visit(realm.groups);
  return found;
}

/** Explicit code → group rows for visibility (rm_work_groups); idempotent. */
export async function upsertWorkGroupGroups(pool: Pool, groups: readonly WorkGroupGroup[]): Promise<void> {
  if (groups.length === 0) return;
  await pool.query(
    `INSERT INTO rm_work_groups (code, keycloak_group)
     SELECT * FROM unnest($1::int[], $2::text[])
     ON CONFLICT (code) DO UPDATE SET keycloak_group = excluded.keycloak_group, updated_at = now()
      WHERE rm_work_groups.keycloak_group IS DISTINCT FROM excluded.keycloak_group`,
    [groups.map((g) => g.code), groups.map((g) => g.keycloakGroup)],
  );
}
