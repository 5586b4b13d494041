import { normalisePhone } from '@switchboard/customers/domain';
import { isCalendarDay, isResidencyRelation, residencyRelations, validateUnitFields, EstateFieldReader } from '@switchboard/estate/domain';
import type { RawFields, ResidencyRelation } from '@switchboard/estate/domain';
import type { EstateAudit, EstateImportStore, UnitImportRow, UpsertOutcome } from './estate.port';

/** One row of an accounting system's export, as the file reader made it out. */
export interface RawUnitRow {
  /** Line (CSV) or 1-based position (JSON) in the file. */
  readonly row: number;
  readonly fields: RawFields;
  /** Residents as written: `relation`, `phone` or `email`, `from`, optional `to`. */
  readonly residents: readonly RawFields[];
}

export interface RejectedUnitRow {
  readonly row: number;
  readonly reason: string;
}

export interface UnitImportSummary {
  readonly created: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly rejected: readonly RejectedUnitRow[];
}

/** Finds clients for residents given by phone or email (the customers context's answer). */
export interface ResidentLookup {
  clientIdByPhone(e164: string): Promise<string | undefined>;
  clientIdByEmail(email: string): Promise<string | undefined>;
}

export interface UnitImportOptions {
  readonly onProgress?: (progress: { done: number; total: number }) => void;
  readonly rejectedBeforeImport?: readonly RejectedUnitRow[];
}

/**
 * Imports units from an accounting system's export: each row names its site (by slug), building,
 * entrance and unit number; missing buildings and entrances are created, the unit is created or
 * updated, residents are linked by the client's phone or email. A row stands alone: a bad one is
 * rejected with its reason and the others go on. Importing the same file again changes nothing.
 */
export class UnitImport {
  constructor(
    private readonly store: EstateImportStore,
    private readonly residents: ResidentLookup,
    private readonly knownSites: (slug: string) => Promise<boolean>,
  ) {}

  async run(rows: readonly RawUnitRow[], audit: EstateAudit, options: UnitImportOptions = {}): Promise<UnitImportSummary> {
    const counts: Record<UpsertOutcome, number> = { created: 0, updated: 0, unchanged: 0 };
    const rejected: RejectedUnitRow[] = [...(options.rejectedBeforeImport ?? [])];
    const seen = new Map<string, number>();
    const sites = new Map<string, boolean>();
    let done = 0;
    options.onProgress?.({ done, total: rows.length });
    for (const raw of rows) {
      const parsed = await this.parse(raw, sites);
      if (typeof parsed === 'string') {
        rejected.push({ row: raw.row, reason: parsed });
      } else {
        const key = `${parsed.siteSlug}|${parsed.buildingName}|${parsed.unit.number}`;
        const first = seen.get(key);
        if (first !== undefined) {
          rejected.push({
            row: raw.row,
            reason: `unit ${parsed.unit.number} of ${parsed.buildingName} appears more than once (first at row ${first}); this row is ignored`,
          });
        } else {
          seen.set(key, raw.row);
          try {
            counts[(await this.store.importUnit(parsed, audit)).outcome] += 1;
          } catch (error) {
            if (!(error instanceof Error && error.name === 'EstateConflictError')) throw error;
            rejected.push({ row: raw.row, reason: error.message });
          }
        }
      }
      done += 1;
      options.onProgress?.({ done, total: rows.length });
    }
    return { ...counts, rejected: rejected.sort((a, b) => a.row - b.row) };
  }

  /** The row as the store takes it, or why it cannot be imported. */
  private async parse(raw: RawUnitRow, sites: Map<string, boolean>): Promise<UnitImportRow | string> {
    const read = new EstateFieldReader(raw.fields);
    const siteSlug = read.label('site').toLowerCase();
    const buildingName = read.label('building');
    const entranceNumber = read.label('entrance');
    const unit = validateUnitFields(raw.fields);
    const errors = [...read.errors, ...(unit.valid ? [] : unit.errors)];
    const residents: UnitImportRow['residents'][number][] = [];
    for (const [index, resident] of raw.residents.entries()) {
      const found = await this.resident(resident);
      if (typeof found === 'string') errors.push(`resident ${index + 1}: ${found}`);
      else residents.push(found);
    }
    if (errors.length > 0 || !unit.valid) return errors.join('; ');
    let known = sites.get(siteSlug);
    if (known === undefined) {
      known = await this.knownSites(siteSlug);
      sites.set(siteSlug, known);
    }
    if (!known) return `site "${siteSlug}": no such site (create it first: POST /sites)`;
    return { siteSlug, buildingName, entranceNumber, unit: unit.value, residents };
  }

  private async resident(fields: RawFields): Promise<UnitImportRow['residents'][number] | string> {
    const relation = typeof fields.relation === 'string' ? fields.relation.trim().toLowerCase() : '';
    if (!isResidencyRelation(relation)) return `relation must be one of ${residencyRelations.join(', ')}, got ${JSON.stringify(fields.relation ?? '')}`;
    const from = typeof fields.from === 'string' ? fields.from.trim() : '';
    const to = typeof fields.to === 'string' && fields.to.trim() ? fields.to.trim() : undefined;
    if (!isCalendarDay(from)) return `from must be a day (YYYY-MM-DD), got ${JSON.stringify(fields.from ?? '')}`;
    if (to !== undefined && !isCalendarDay(to)) return `to must be a day (YYYY-MM-DD), got ${JSON.stringify(fields.to)}`;
    if (to !== undefined && to < from) return `the residency ends (${to}) before it starts (${from})`;
    const clientId = await this.clientOf(fields);
    if (typeof clientId !== 'string' || clientId.startsWith('!')) return typeof clientId === 'string' ? clientId.slice(1) : 'no client';
    return { clientId, relation: relation as ResidencyRelation, from, ...(to ? { to } : {}) };
  }

  /** The client id, or a reason prefixed with "!". */
  private async clientOf(fields: RawFields): Promise<string> {
    const phone = typeof fields.phone === 'string' && fields.phone.trim() ? fields.phone.trim() : undefined;
    const email = typeof fields.email === 'string' && fields.email.trim() ? fields.email.trim().toLowerCase() : undefined;
    if (phone) {
      const e164 = normalisePhone(phone);
      if (!e164) return `!phone ${JSON.stringify(phone)} is not a phone number`;
      return (await this.residents.clientIdByPhone(e164)) ?? `!no client has phone ${e164}`;
    }
    if (email) return (await this.residents.clientIdByEmail(email)) ?? `!no client has email ${email}`;
    return '!needs the phone or email of a client';
  }
}
