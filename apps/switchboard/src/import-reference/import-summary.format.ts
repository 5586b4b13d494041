import type { ReferenceCounts, ReferenceImportSummary, ReferenceKind, RejectedRow } from '@switchboard/catalogue';
import type { ReferenceFileFormat } from '@switchboard/catalogue/infrastructure';

const jsonList: Record<ReferenceKind, string> = { work_group: 'workGroups', service: 'services' };
const kindName: Record<ReferenceKind, string> = { work_group: 'work group', service: 'service' };

const counts = (c: ReferenceCounts): string => `${c.created} created, ${c.updated} updated, ${c.unchanged} unchanged, ${c.rejected} rejected`;

/** Where a rejected row is in the file, in the file's own terms. */
function where(format: ReferenceFileFormat, row: RejectedRow): string {
  if (format === 'csv') return row.kind === 'unknown' ? `line ${row.row}` : `line ${row.row} (${kindName[row.kind]})`;
  return row.kind === 'unknown' ? `row ${row.row}` : `${jsonList[row.kind]}[${row.row - 1}]`;
}

/** The import's summary for stdout: counts per kind, then every rejected row with its reason. */
export function formatImportSummary(file: string, format: ReferenceFileFormat, summary: ReferenceImportSummary): string {
  const { work_group, service } = summary.byKind;
  const total: ReferenceCounts = { created: summary.created, updated: summary.updated, unchanged: summary.unchanged, rejected: summary.rejected.length };
  const rows = total.created + total.updated + total.unchanged + total.rejected;
  const lines = [
    `Imported ${file} (${format.toUpperCase()}, ${rows} ${rows === 1 ? 'row' : 'rows'}):`,
    `  work groups: ${counts(work_group)}`,
    `  services:    ${counts(service)}`,
    `  total:       ${counts(total)}`,
  ];
  if (summary.rejected.length > 0) {
    lines.push(`Rejected rows (not imported; fix them and import the file again):`);
    for (const row of summary.rejected) lines.push(`  ${where(format, row)}: ${row.reason}`);
  }
  return `${lines.join('\n')}\n`;
}
