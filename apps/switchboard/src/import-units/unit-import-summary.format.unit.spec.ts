import { formatUnitImportSummary } from './unit-import-summary.format';

describe('formatUnitImportSummary', () => {
  const summary = { created: 2, updated: 1, unchanged: 7, rejected: [{ row: 5, reason: 'floor is required' }] };

  it('counts the units and lists rejected CSV rows by line', () => {
    expect(formatUnitImportSummary('units.csv', 'csv', summary)).toBe(
      [
        'Imported units.csv (CSV, 11 rows):',
        '  units: 2 created, 1 updated, 7 unchanged, 1 rejected',
        'Rejected rows (not imported; fix them and import the file again):',
        '  line 5: floor is required',
        '',
      ].join('\n'),
    );
  });

  it('points at JSON rows by their index in the units array', () => {
    expect(formatUnitImportSummary('units.json', 'json', summary)).toContain('  units[4]: floor is required\n');
  });
});
