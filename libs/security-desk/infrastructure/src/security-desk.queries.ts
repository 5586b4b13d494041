import type { Pool } from 'pg';
import { normaliseName, normalisePlate, plateBase } from '@switchboard/security-desk/domain';
import type { CheckInRefusal, PassIssuer, PassKind } from '@switchboard/security-desk/domain';

/** One pass as the guard's desk lists it. */
export interface DeskPass {
  readonly id: string;
  readonly siteSlug: string;
  readonly unitId: string;
  readonly unitLabel: string;
  readonly residentPhone?: string;
  readonly kind: PassKind;
  readonly visitorName?: string;
  readonly plate?: string;
  readonly validFrom: string;
  readonly validUntil: string;
  readonly issuedAs: PassIssuer;
  readonly note?: string;
  readonly createdBy: string;
  readonly revoked: boolean;
  readonly visits: number;
  readonly insideSince?: string;
  readonly insideBy?: string;
  /** Inside past the window's end. */
  readonly overstay: boolean;
  /** Why a check-in now would be refused; absent when it would be accepted (or the visitor is inside). */
  readonly refusal?: CheckInRefusal;
  /** The pass's stream revision this row shows: a card answered by a command is newer when its revision is higher. */
  readonly revision: number;
}

/** One entry in a site's day log. */
export interface DeskVisit {
  readonly passId: string;
  readonly visit: number;
  readonly siteSlug: string;
  readonly unitLabel: string;
  readonly visitorName?: string;
  readonly plate?: string;
  readonly checkedInAt: string;
  readonly checkedInBy: string;
  readonly checkedOutAt?: string;
  readonly checkedOutBy?: string;
  /** Left after the window ended, or still inside past it. */
  readonly overstay: boolean;
}

export interface UnitContact {
  readonly siteSlug: string;
  readonly unitId: string;
  readonly unitLabel: string;
  readonly residentPhone: string;
}

interface PassRow {
  id: string;
  site_slug: string;
  unit_id: string;
  unit_label: string;
  resident_phone: string | null;
  kind: PassKind;
  visitor_name: string | null;
  plate: string | null;
  valid_from: Date;
  valid_until: Date;
  issued_as: PassIssuer;
  note: string | null;
  created_by: string;
  revoked_at: Date | null;
  visits: number;
  inside_since: Date | null;
  inside_by: string | null;
  last_revision: string;
}

const PASS_COLUMNS = `id, site_slug, unit_id, unit_label, resident_phone, kind, visitor_name, plate, valid_from, valid_until, issued_as, note,
  created_by, revoked_at, visits, inside_since, inside_by, last_revision`;

function deskPass(row: PassRow, now: Date): DeskPass {
  const inside = row.inside_since !== null;
  const refusal: CheckInRefusal | undefined = inside
    ? undefined
    : row.revoked_at
      ? 'revoked'
      : now < row.valid_from
        ? 'not-yet-valid'
        : now > row.valid_until
          ? 'expired'
          : row.kind === 'one-time' && row.visits > 0
            ? 'already-used'
            : undefined;
  return {
    id: row.id,
    siteSlug: row.site_slug,
    unitId: row.unit_id,
    unitLabel: row.unit_label,
    ...(row.resident_phone ? { residentPhone: row.resident_phone } : {}),
    kind: row.kind,
    ...(row.visitor_name ? { visitorName: row.visitor_name } : {}),
    ...(row.plate ? { plate: row.plate } : {}),
    validFrom: row.valid_from.toISOString(),
    validUntil: row.valid_until.toISOString(),
    issuedAs: row.issued_as,
    ...(row.note ? { note: row.note } : {}),
    createdBy: row.created_by,
    revoked: row.revoked_at !== null,
    visits: row.visits,
    ...(row.inside_since ? { insideSince: row.inside_since.toISOString() } : {}),
    ...(row.inside_by ? { insideBy: row.inside_by } : {}),
    overstay: inside && now > row.valid_until,
    ...(refusal ? { refusal } : {}),
    revision: Number(row.last_revision),
  };
}

/**
 * The passes the desk expects between `from` and `to` (the guard's day) at these sites: those not
 * revoked whose window meets the day, and everyone still inside whatever their window. Those inside
 * past their window (overstays) first, then by the window's start.
 */
export async function expectedVisitors(pool: Pool, filter: { sites: readonly string[]; from: Date; to: Date; now: Date }): Promise<DeskPass[]> {
  const { rows } = await pool.query<PassRow>(
    `SELECT ${PASS_COLUMNS} FROM rm_passes
      WHERE site_slug = ANY($1::text[])
        AND ((revoked_at IS NULL AND valid_from < $3 AND valid_until >= $2) OR inside_since IS NOT NULL)
      ORDER BY (inside_since IS NOT NULL AND valid_until < $4) DESC, valid_from, id
      LIMIT 2000`,
    [filter.sites, filter.from, filter.to, filter.now],
  );
  return rows.map((row) => deskPass(row, filter.now));
}

/**
 * The guard's search at these sites: by plate (any format, Cyrillic or Latin look-alikes, region
 * optional, or a part of it) or by the visitor's name (case and ё ignored, each word the start of a
 * word of the name). Passes that ended more than a day ago are left out unless someone is inside.
 */
export async function searchPasses(pool: Pool, filter: { sites: readonly string[]; query: string; now: Date; limit?: number }): Promise<DeskPass[]> {
  const plate = normalisePlate(filter.query);
  const words = normaliseName(filter.query).split(' ').filter(Boolean);
  if (plate === '' && words.length === 0) return [];
  const params: unknown[] = [filter.sites, new Date(filter.now.getTime() - 24 * 3_600_000), filter.limit ?? 50];
  const or: string[] = [];
  if (plate !== '') {
    params.push(`%${escapeLike(plate)}%`, plateBase(plate));
    or.push(`plate_key LIKE $${params.length - 1}`, `(plate_base = $${params.length} AND plate_base <> '')`);
  }
  if (words.length > 0) {
    const each = words.map((word) => {
      params.push(`% ${escapeLike(word)}%`);
      return `(' ' || name_key) LIKE $${params.length}`;
    });
    or.push(`(${each.join(' AND ')})`);
  }
  const { rows } = await pool.query<PassRow>(
    `SELECT ${PASS_COLUMNS} FROM rm_passes
      WHERE site_slug = ANY($1::text[]) AND (valid_until >= $2 OR inside_since IS NOT NULL) AND (${or.join(' OR ')})
      ORDER BY revoked_at IS NOT NULL, valid_from DESC, id LIMIT $3`,
    params,
  );
  return rows.map((row) => deskPass(row, filter.now));
}

/** A site's day log: entries made between `from` and `to`, and those still inside, newest first. */
export async function dayLog(pool: Pool, filter: { site: string; from: Date; to: Date; now: Date }): Promise<DeskVisit[]> {
  const { rows } = await pool.query<{
    pass_id: string;
    visit: number;
    site_slug: string;
    unit_label: string;
    visitor_name: string | null;
    plate: string | null;
    checked_in_at: Date;
    checked_in_by: string;
    checked_out_at: Date | null;
    checked_out_by: string | null;
    overstayed: boolean;
    valid_until: Date;
  }>(
    `SELECT v.pass_id, v.visit, v.site_slug, p.unit_label, p.visitor_name, p.plate, v.checked_in_at, v.checked_in_by,
            v.checked_out_at, v.checked_out_by, v.overstayed, p.valid_until
       FROM rm_pass_visits v JOIN rm_passes p ON p.id = v.pass_id
      WHERE v.site_slug = $1 AND ((v.checked_in_at >= $2 AND v.checked_in_at < $3) OR (v.checked_out_at >= $2 AND v.checked_out_at < $3) OR v.checked_out_at IS NULL)
      ORDER BY v.checked_in_at DESC, v.pass_id, v.visit
      LIMIT 5000`,
    [filter.site, filter.from, filter.to],
  );
  return rows.map((r) => ({
    passId: r.pass_id,
    visit: r.visit,
    siteSlug: r.site_slug,
    unitLabel: r.unit_label,
    ...(r.visitor_name ? { visitorName: r.visitor_name } : {}),
    ...(r.plate ? { plate: r.plate } : {}),
    checkedInAt: r.checked_in_at.toISOString(),
    checkedInBy: r.checked_in_by,
    ...(r.checked_out_at ? { checkedOutAt: r.checked_out_at.toISOString() } : {}),
    ...(r.checked_out_by ? { checkedOutBy: r.checked_out_by } : {}),
    overstay: r.overstayed || (r.checked_out_at === null && filter.now > r.valid_until),
  }));
}

/**
 * For a visitor without a pass: the units at these sites whose label matches, with the resident's
 * phone as given on their latest pass (the estate's own resident records are not read here).
 */
/** A unit's passes from `from` on (today's and upcoming: not revoked, the window not over before `from`), by the window's start. */
export async function passesOfUnit(pool: Pool, filter: { unitId: string; from: Date; now: Date; limit?: number }): Promise<DeskPass[]> {
  const { rows } = await pool.query<PassRow>(
    `SELECT ${PASS_COLUMNS} FROM rm_passes
      WHERE unit_id = $1 AND revoked_at IS NULL AND (valid_until >= $2 OR inside_since IS NOT NULL)
      ORDER BY valid_from, id
      LIMIT $3`,
    [filter.unitId, filter.from, filter.limit ?? 50],
  );
  return rows.map((row) => deskPass(row, filter.now));
}

export async function unitContacts(pool: Pool, filter: { sites: readonly string[]; query: string; limit?: number }): Promise<UnitContact[]> {
  const query = filter.query.trim();
  if (query === '') return [];
  const { rows } = await pool.query<{ site_slug: string; unit_id: string; unit_label: string; resident_phone: string }>(
    `SELECT DISTINCT ON (site_slug, unit_id) site_slug, unit_id, unit_label, resident_phone FROM rm_passes
      WHERE site_slug = ANY($1::text[]) AND resident_phone IS NOT NULL AND (unit_label ILIKE $2 OR unit_id = $3)
      ORDER BY site_slug, unit_id, created_at DESC
      LIMIT $4`,
    [filter.sites, `%${escapeLike(query)}%`, query, filter.limit ?? 20],
  );
  return rows.map((r) => ({ siteSlug: r.site_slug, unitId: r.unit_id, unitLabel: r.unit_label, residentPhone: r.resident_phone }));
}

const escapeLike = (text: string): string => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * The passes ordered for these units (a resident's own, in the portal), newest first: those still
 * valid or used lately. Ended more than 30 days ago and never inside: left out.
 */
export async function passesOfUnits(
  pool: Pool,
  filter: { units: readonly { siteSlug: string; unitId: string }[]; now: Date; limit?: number },
): Promise<DeskPass[]> {
  if (filter.units.length === 0) return [];
  const { rows } = await pool.query<PassRow>(
    `SELECT ${PASS_COLUMNS} FROM rm_passes
      WHERE (site_slug, unit_id) IN (SELECT * FROM unnest($1::text[], $2::text[]))
        AND (valid_until >= $3::timestamptz - interval '30 days' OR inside_since IS NOT NULL)
      ORDER BY created_at DESC, id
      LIMIT $4`,
    [filter.units.map((u) => u.siteSlug), filter.units.map((u) => u.unitId), filter.now, filter.limit ?? 100],
  );
  return rows.map((row) => deskPass(row, filter.now));
}
