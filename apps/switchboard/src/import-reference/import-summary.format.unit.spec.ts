import type { ReferenceImportSummary } from '@switchboard/catalogue';
import { formatImportSummary } from './import-summary.format';

const clean: ReferenceImportSummary = {
  created: 3,
  updated: 1,
  unchanged: 5,
  rejected: [],
  byKind: { work_group: { created: 1, updated: 0, unchanged: 1, rejected: 0 }, service: { created: 2, updated: 1, unchanged: 4, rejected: 0 } },
};

describe('formatImportSummary', () => {
  it('counts created, updated, unchanged and rejected rows per kind and in total', () => {
    expect(formatImportSummary('deploy/reference/catalogue.example.json', 'json', clean)).toBe(
      [
        'Imported deploy/reference/catalogue.example.json (JSON, 9 rows):',
        '  work groups: 1 created, 0 updated, 1 unchanged, 0 rejected',
        '  services:    2 created, 1 updated, 4 unchanged, 0 rejected',
        '  total:       3 created, 1 updated, 5 unchanged, 0 rejected',
        '',
      ].join('\n'),
    );
  });

  it('lists rejected CSV rows by line', () => {
    const text = formatImportSummary('x.csv', 'csv', {
      ...clean,
      rejected: [
        { row: 7, kind: 'unknown', reason: 'kind must be work_group or service, got "team"' },
        { row: 4, kind: 'service', reason: 'name is required' },
      ],
    });
    expect(text).toContain('  total:       3 created, 1 updated, 5 unchanged, 2 rejected\n');
    expect(text).toContain(
      'Rejected rows (not imported; fix them and import the file again):\n  line 7: kind must be work_group or service, got "team"\n  line 4 (service): name is required\n',
    );
  });

  it('points at rejected JSON rows by list and index', () => {
    const text = formatImportSummary('x.json', 'json', {
      ...clean,
      rejected: [
        { row: 3, kind: 'service', reason: 'name is required' },
        { row: 1, kind: 'work_group', reason: 'managerId is required' },
      ],
    });
    expect(text).toContain('  services[2]: name is required\n  workGroups[0]: managerId is required\n');
  });
});
