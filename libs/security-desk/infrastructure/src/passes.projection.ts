import type { RecordedEvent } from '@switchboard/eventstore';
import type { ProcessorDefinition, ProcessorTransaction } from '@switchboard/eventstore/processing';
import { PASS_STREAM_PREFIX, normaliseName, normalisePlate, plateBase } from '@switchboard/security-desk/domain';
import type { PassEvent } from '@switchboard/security-desk/domain';

/** Bump to rebuild the desk's read model from the start of the store. */
export const PASSES_PROJECTION_VERSION = 1;
export const PASSES_PROJECTION = 'passes-list';

/**
 * The security desk's read model (`rm_passes`, `rm_pass_visits`) on the processing backbone: in
 * the processor's transaction with its checkpoint; `last_revision` makes a replayed event a no-op.
 */
export function passesProjection(): ProcessorDefinition {
  return {
    name: PASSES_PROJECTION,
    version: PASSES_PROJECTION_VERSION,
    filter: { streamPrefixes: [PASS_STREAM_PREFIX] },
    batch: { maxEvents: 200 },
    handler: {
      kind: 'transactional',
      async handle(tx: ProcessorTransaction, events: readonly RecordedEvent[]) {
        for (const event of events) await apply(tx, event);
      },
    },
  };
}

async function apply(tx: ProcessorTransaction, recorded: RecordedEvent): Promise<void> {
  const event = { type: recorded.type, data: recorded.data } as PassEvent;
  const revision = recorded.revision.toString();
  switch (event.type) {
    case 'PassCreated': {
      const d = event.data;
      const plateKey = d.plate ? normalisePlate(d.plate) : '';
      await tx.query(
        `INSERT INTO rm_passes (id, site_slug, unit_id, unit_label, resident_phone, kind, visitor_name, name_key, plate, plate_key, plate_base,
                                valid_from, valid_until, issued_as, note, created_by, created_at, last_revision)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18) ON CONFLICT (id) DO NOTHING`,
        [
          d.passId,
          d.siteSlug,
          d.unitId,
          d.unitLabel,
          d.residentPhone ?? null,
          d.kind,
          d.visitorName ?? null,
          d.visitorName ? normaliseName(d.visitorName) : '',
          d.plate ?? null,
          plateKey,
          plateKey ? plateBase(plateKey) : '',
          d.validFrom,
          d.validUntil,
          d.issuedAs,
          d.note ?? null,
          d.by,
          d.at,
          revision,
        ],
      );
      return;
    }
    case 'PassRevoked':
      await tx.query('UPDATE rm_passes SET revoked_at = $2, last_revision = $3 WHERE id = $1 AND last_revision < $3', [
        event.data.passId,
        event.data.at,
        revision,
      ]);
      return;
    case 'VisitorCheckedIn': {
      const d = event.data;
      const updated = await tx.query(
        'UPDATE rm_passes SET visits = $2, inside_since = $3, inside_by = $4, last_revision = $5 WHERE id = $1 AND last_revision < $5',
        [d.passId, d.visit, d.at, d.by, revision],
      );
      if (updated.rowCount === 0) return;
      await tx.query(
        `INSERT INTO rm_pass_visits (pass_id, visit, site_slug, checked_in_at, checked_in_by) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (pass_id, visit) DO NOTHING`,
        [d.passId, d.visit, d.siteSlug, d.at, d.by],
      );
      return;
    }
    case 'VisitorCheckedOut': {
      const d = event.data;
      const updated = await tx.query('UPDATE rm_passes SET inside_since = NULL, inside_by = NULL, last_revision = $2 WHERE id = $1 AND last_revision < $2', [
        d.passId,
        revision,
      ]);
      if (updated.rowCount === 0) return;
      await tx.query('UPDATE rm_pass_visits SET checked_out_at = $3, checked_out_by = $4, overstayed = $5 WHERE pass_id = $1 AND visit = $2', [
        d.passId,
        d.visit,
        d.at,
        d.by,
        d.overstayed,
      ]);
      return;
    }
    default:
      return;
  }
}
