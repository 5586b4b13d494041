import { parseReferenceCsv } from './reference-csv.format';
import { parseReferenceJson } from './reference-json.format';

describe('parseReferenceJson', () => {
  it('reads work groups and services, numbering rows by their place in each list', () => {
    const file = parseReferenceJson(
      JSON.stringify({
        services: [{ code: 1001, name: 'Home internet', workGroupCode: 301 }],
        workGroups: [{ code: 301, name: 'Network L3', email: 'n@x.example', managerId: 'm' }, 42],
      }),
    );
    expect(file).toEqual({
      format: 'json',
      rows: [
        { row: 1, kind: 'work_group', fields: { code: 301, name: 'Network L3', email: 'n@x.example', managerId: 'm' } },
        { row: 1, kind: 'service', fields: { code: 1001, name: 'Home internet', workGroupCode: 301 } },
      ],
      rejected: [{ row: 2, kind: 'work_group', reason: 'expected an object, got 42' }],
    });
  });

  it('accepts a file with only one of the lists', () => {
    expect(parseReferenceJson('{"services": []}').rows).toEqual([]);
  });

  it.each([
    ['{"workGroups": [', /^not valid JSON \(/],
    ['[1, 2]', /^expected a JSON object with "workGroups" and\/or "services" lists$/],
    ['{}', /got an empty object$/],
    ['{"workgroups": []}', /^unknown key "workgroups" \(expected "workGroups" and\/or "services"\)$/],
    ['{"services": {"code": 1}}', /^"services" must be a list, got object$/],
  ])('refuses %s as a whole', (text, message) => {
    expect(() => parseReferenceJson(text)).toThrow(message);
  });
});

describe('parseReferenceCsv', () => {
  const header = 'kind,code,name,email,managerId,workGroupCode\r\n';

  it('reads both kinds from one file, numbering rows by their line', () => {
    const file = parseReferenceCsv(`${header}work_group,301,"Network L3, core",n@x.example,m-1,\r\nservice,1001,Home internet,,,301\r\n`);
    expect(file.rows).toEqual([
      {
        row: 2,
        kind: 'work_group',
        fields: { kind: 'work_group', code: '301', name: 'Network L3, core', email: 'n@x.example', managerId: 'm-1', workGroupCode: '' },
      },
      { row: 3, kind: 'service', fields: { kind: 'service', code: '1001', name: 'Home internet', email: '', managerId: '', workGroupCode: '301' } },
    ]);
    expect(file.rejected).toEqual([]);
  });

  it('accepts snake_case and spaced column names and columns in any order', () => {
    const file = parseReferenceCsv('Work Group Code,kind,code,name\n301,Service,1001,Home internet\n');
    expect(file.rows).toEqual([{ row: 2, kind: 'service', fields: { workGroupCode: '301', kind: 'Service', code: '1001', name: 'Home internet' } }]);
  });

  it('rejects a row of an unknown kind or with the wrong number of fields, and keeps the others', () => {
    const file = parseReferenceCsv(`${header}team,1,x,,,\nservice,1001,Home internet\nservice,1002,IP telephony,,,301\n`);
    expect(file.rejected).toEqual([
      { row: 2, kind: 'unknown', reason: 'kind must be work_group or service, got "team"' },
      { row: 3, kind: 'service', reason: 'has 3 fields, the header has 6' },
    ]);
    expect(file.rows.map((r) => r.row)).toEqual([4]);
  });

  it.each([
    ['', /^the file is empty/],
    ['kind,code,name,manger_id\n', /^unknown column "manger_id" in the header \(expected kind, code, name, email, managerId, workGroupCode\)$/],
    ['code,name\n', /^the header has no kind column/],
    ['kind,code,name,code\n', /^column code appears twice in the header$/],
    [`${header}service,1,"open\n`, /^not valid CSV: line 2: a quoted field is never closed$/],
  ])('refuses %j as a whole', (text, message) => {
    expect(() => parseReferenceCsv(text)).toThrow(message);
  });
});
