import type { UnitImportSummary } from '@switchboard/estate';
import type { UnitFileFormat } from '@switchboard/estate/infrastructure';

/** The import's summary for stdout: created, updated, unchanged and rejected units, then every rejected row with its reason. */
export function formatUnitImportSummary(file: string, format: UnitFileFormat, summary: UnitImportSummary): string {
  const rows = summary.created + summary.updated + summary.unchanged + summary.rejected.length;
  const lines = [
    `Imported ${file} (${format.toUpperCase()}, ${rows} ${rows === 1 ? 'row' : 'rows'}):`,
    `  units: ${summary.created} created, ${summary.updated} updated, ${summary.unchanged} unchanged, ${summary.rejected.length} rejected`,
  ];
  if (summary.rejected.length > 0) {
    lines.push('Rejected rows (not imported; fix them and import the file again):');
    for (const row of summary.rejected)
      lines.push(`  ${format === 'csv' ? 'line' : 'units'}${format === 'csv' ? ` ${row.row}` : `[${row.row - 1}]`}: ${row.reason}`);
  }
  return `${lines.join('\n')}\n`;
}
