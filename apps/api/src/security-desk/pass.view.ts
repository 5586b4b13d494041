import type { PassWithRevision } from '@switchboard/security-desk';

/** What a pass is, as every pass answer shows it; the caller adds where it stands now (inside, overstay, refusal, actions). */
export function passFacts(pass: PassWithRevision) {
  return {
    id: pass.id,
    siteSlug: pass.siteSlug,
    unitId: pass.unitId,
    unitLabel: pass.unitLabel,
    ...(pass.residentPhone ? { residentPhone: pass.residentPhone } : {}),
    kind: pass.kind,
    ...(pass.visitorName ? { visitorName: pass.visitorName } : {}),
    ...(pass.plate ? { plate: pass.plate } : {}),
    validFrom: pass.validFrom,
    validUntil: pass.validUntil,
    issuedAs: pass.issuedAs,
    ...(pass.note ? { note: pass.note } : {}),
    createdBy: pass.createdBy,
    revoked: pass.revoked,
    visits: pass.visits,
  };
}
