import { CsvSyntaxError, parseCsv } from './csv.parser';

const fieldsOf = (text: string) => parseCsv(text).map((r) => r.fields);

describe('parseCsv', () => {
  it('splits records on line breaks and fields on commas', () => {
    expect(fieldsOf('kind,code\nservice,1001\n')).toEqual([
      ['kind', 'code'],
      ['service', '1001'],
    ]);
  });

  it('accepts CRLF and lone CR line endings and a last record without one', () => {
    expect(fieldsOf('a,b\r\nc,d\re,f')).toEqual([
      ['a', 'b'],
      ['c', 'd'],
      ['e', 'f'],
    ]);
  });

  it('keeps commas, quotes and line breaks inside a quoted field', () => {
    expect(fieldsOf('"Network, L3","say ""hi""","two\r\nlines"\n')).toEqual([['Network, L3', 'say "hi"', 'two\r\nlines']]);
  });

  it('keeps empty fields, quoted or not, including the last one', () => {
    expect(fieldsOf('a,,""\n,b,\n')).toEqual([
      ['a', '', ''],
      ['', 'b', ''],
    ]);
  });

  it('numbers each record by the line it starts on, past multi-line fields and blank lines', () => {
    const records = parseCsv('h1,h2\n"x\ny",1\n\n\r\nz,2\n');
    expect(records.map((r) => r.line)).toEqual([1, 2, 6]);
  });

  it('ignores a byte-order mark', () => {
    expect(fieldsOf('\uFEFFkind,code\n')).toEqual([['kind', 'code']]);
  });

  it('takes a quote inside an unquoted field literally', () => {
    expect(fieldsOf('5" screen,1\n')).toEqual([['5" screen', '1']]);
  });

  it('refuses a quoted field that is never closed, naming the line it opened on', () => {
    expect(() => parseCsv('a,b\nc,"open\n\n')).toThrow(new CsvSyntaxError(2, 'a quoted field is never closed'));
  });

  it('refuses text after a closing quote', () => {
    expect(() => parseCsv('"a"b,c\n')).toThrow(/^line 1: unexpected "b" after a closing quote/);
  });

  it('reads an empty file as no records', () => {
    expect(parseCsv('')).toEqual([]);
    expect(parseCsv('\n\r\n')).toEqual([]);
  });
});
