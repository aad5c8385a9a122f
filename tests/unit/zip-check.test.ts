// The zip check can leave big parts unheld and inflate them again when asked for: what it then gives must be exactly
// what it gives when it holds everything, for stored and deflated entries, small and big, and a name given twice.
import { describe, expect, it } from 'vitest';
import { checkZip } from '../../electron/core/xlsx/zipCheck.ts';
import { zip, zipEntry } from '../../electron/core/xlsx/zipWrite.ts';

const text = (n: number, seed: string) => Buffer.from(Array.from({ length: n }, (_, i) => `${seed}${i % 97}`).join(','), 'utf8');

describe('checkZip holding parts up to a size', () => {
  it('gives the same bytes for every part as when it holds them all', () => {
    const big = text(40_000, '<c r="A1"><v>');
    const buf = zip([
      zipEntry('[Content_Types].xml', text(10, '<Types>')),
      zipEntry('/xl/worksheets/sheet1.xml', big),
      zipEntry('xl/worksheets/sheet2.xml', text(50_000, '<row>')),
      zipEntry('xl/media/stored.bin', text(30_000, 'stored'), { store: true }),
      // The same name again: the later entry is the part, held or not.
      zipEntry('xl/worksheets/sheet1.xml', text(60_000, 'later')),
      zipEntry('xl/small.xml', text(5, 'first')),
      zipEntry('xl/small.xml', text(70_000, 'now big')),
      zipEntry('xl/worksheets/sheet2.xml', text(3, 'now small')),
    ]);
    const all = checkZip('t.xlsx', buf);
    const some = checkZip('t.xlsx', buf, 1024);
    expect(all.mimetype).toBeNull();
    expect(some.mimetype).toBeNull();
    expect([...all.parts.keys()].sort()).toEqual(['[Content_Types].xml', 'xl/media/stored.bin', 'xl/small.xml', 'xl/worksheets/sheet1.xml', 'xl/worksheets/sheet2.xml']);
    expect(all.parts.get('xl/worksheets/sheet1.xml')?.equals(text(60_000, 'later'))).toBe(true);
    expect(all.parts.get('xl/small.xml')?.equals(text(70_000, 'now big'))).toBe(true);
    expect(all.parts.get('xl/worksheets/sheet2.xml')?.equals(text(3, 'now small'))).toBe(true);
    for (const [name, bytes] of all.parts) {
      expect(some.parts.get(name)?.equals(bytes), name).toBe(true);
      // Asked for twice, inflated twice: the same again.
      expect(some.parts.get(name)?.equals(bytes), name).toBe(true);
    }
    expect(some.parts.get('xl/worksheets/sheet3.xml')).toBeUndefined();
  });

  it('checks the parts it does not hold as it checks the others', () => {
    const buf = zip([zipEntry('xl/worksheets/sheet1.xml', Buffer.concat([Buffer.from('<!DOCTYPE x>'), text(40_000, 'x')]))]);
    expect(() => checkZip('t.xlsx', buf, 1024)).toThrow('XML 文档类型声明');
    const damaged = zip([zipEntry('xl/worksheets/sheet1.xml', text(40_000, 'y'))]);
    // The CRC of the only entry, in its local and central headers, no longer matches its bytes.
    const crcAt = [damaged.indexOf(Buffer.from([0x50, 0x4b, 0x03, 0x04])) + 14, damaged.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])) + 16];
    for (const at of crcAt) damaged.writeUInt32LE((damaged.readUInt32LE(at) ^ 1) >>> 0, at);
    expect(() => checkZip('t.xlsx', damaged, 1024)).toThrow('校验失败');
  });
});
