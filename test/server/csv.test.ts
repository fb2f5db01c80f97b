import { describe, expect, it } from 'vitest';
import { CSV_BOM, csvField, csvRow, csvStream, csvText, type CsvCell } from '../../server/csv.ts';

describe('csvField (RFC 4180)', () => {
  it('leaves plain text, numbers and booleans bare and writes null/undefined as empty', () => {
    expect(csvField('promoter')).toBe('promoter');
    expect(csvField('サポートが遅い')).toBe('サポートが遅い');
    expect(csvField(9)).toBe('9');
    expect(csvField(2.5)).toBe('2.5');
    expect(csvField(true)).toBe('true');
    expect(csvField(null)).toBe('');
    expect(csvField(undefined)).toBe('');
  });

  it('quotes fields with a comma, a quote, CR or LF, doubling the quotes', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('line 1\nline 2')).toBe('"line 1\nline 2"');
    expect(csvField('a\r\nb')).toBe('"a\r\nb"');
    expect(csvField('{"plan":"pro","ltv":5}')).toBe('"{""plan"":""pro"",""ltv"":5}"');
  });
});

describe('formula injection guard', () => {
  it.each(['=HYPERLINK("http://evil.test")', '+1+1', '-2+3', '@SUM(A1)', '\tcmd', '\rcmd'])('prefixes %j with a quote', (text) => {
    expect(csvText(text)).toBe(`'${text}`);
    expect(csvField(text).replace(/^"|"$/g, '').startsWith("'")).toBe(true);
  });

  it('leaves numbers written as numbers alone, negative ones included', () => {
    expect(csvField(-3)).toBe('-3');
    expect(csvField(-0.5)).toBe('-0.5');
  });

  it('leaves text that only contains those characters later alone', () => {
    expect(csvText('a=b')).toBe('a=b');
    expect(csvText('2025-06-01T00:00:00.000Z')).toBe('2025-06-01T00:00:00.000Z');
  });
});

describe('csvRow and csvStream', () => {
  it('ends every record with CRLF', () => {
    expect(csvRow(['a', 1, null, 'x,y'])).toBe('a,1,,"x,y"\r\n');
  });

  it('streams the BOM and header, then each batch, as UTF-8', async () => {
    async function* batches(): AsyncGenerator<CsvCell[][]> {
      yield [['u1', 'とても良い']];
      yield [];
      yield [['u2', '=1+1'], ['u3', -3]];
    }
    const text = await new Response(csvStream(['user', 'comment'], batches())).text();
    // Response.text() strips a leading BOM, so read the bytes for it.
    const bytes = new Uint8Array(await new Response(csvStream(['user'], batches())).arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(CSV_BOM + text).toBe(`${CSV_BOM}user,comment\r\nu1,とても良い\r\nu2,'=1+1\r\nu3,-3\r\n`);
  });
});
