// The zip container of an xlsx or ods, checked before any parser sees it: the central directory is walked and every
// entry inflated under a running output cap (a zip bomb never fills memory), its CRC checked (a truncated or
// damaged download is named as such), and no XML part may declare a document type (entity expansion).

import zlib from 'node:zlib';
import { UserError } from '../../../shared/errors.ts';
import { damagedMessage } from './messages.ts';
import { refuseDtdBytes } from './xmlText.ts';

/** Unpacked size above which a workbook is refused (a real 5,000-project table unpacks to a few tens of MB). */
export const MAX_UNPACKED_BYTES = 512 * 1024 * 1024;
const MAX_ENTRIES = 10_000;

interface ZipEntry {
  name: string;
  method: number;
  compressed: number;
  size: number;
  crc: number;
  offset: number;
}

const damagedZip = (name: string, detail: string) => new UserError(damagedMessage(name, detail));

function centralDirectory(name: string, buf: Buffer): ZipEntry[] {
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 65535); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw damagedZip(name, '找不到压缩包目录');
  const count = buf.readUInt16LE(eocd + 10);
  const cdOffset = buf.readUInt32LE(eocd + 16);
  if (count > MAX_ENTRIES) throw new UserError(`“${name}”包含 ${count} 个内部文件，不像是正常的工作簿，未导入`);
  const entries: ZipEntry[] = [];
  let p = cdOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== 0x02014b50) throw damagedZip(name, '压缩包目录不完整');
    const nameLen = buf.readUInt16LE(p + 28);
    entries.push({
      name: buf.toString('utf8', p + 46, p + 46 + nameLen),
      method: buf.readUInt16LE(p + 10),
      crc: buf.readUInt32LE(p + 16),
      compressed: buf.readUInt32LE(p + 20),
      size: buf.readUInt32LE(p + 24),
      offset: buf.readUInt32LE(p + 42),
    });
    p += 46 + nameLen + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
  }
  return entries;
}

/** A checked zip's parts by name: those held, and those inflated again when asked for (see checkZip). */
export interface CheckedParts {
  get(part: string): Buffer | undefined;
}

/**
 * Inflates every entry under the size cap and checks it. Returns the `mimetype` entry's text (an OpenDocument
 * file names its kind there; an xlsx has none) and the inflated parts by name, for the xlsx reader. With `holdUpTo`,
 * parts bigger than that many bytes are checked but not held: `parts.get` inflates them again (checked, they inflate
 * to the same bytes), so that a reader going sheet by sheet never holds all of a big workbook's unpacked XML (a
 * 20,000-project T2 unpacks to 100 MB).
 */
export function checkZip(name: string, buf: Buffer): { mimetype: string | null; parts: Map<string, Buffer> };
export function checkZip(name: string, buf: Buffer, holdUpTo: number): { mimetype: string | null; parts: CheckedParts };
export function checkZip(name: string, buf: Buffer, holdUpTo = Infinity): { mimetype: string | null; parts: CheckedParts } {
  const entries = centralDirectory(name, buf);
  const declared = entries.reduce((s, e) => s + e.size, 0);
  const tooBig = (bytes: number) =>
    new UserError(
      `“${name}”解压后超过 ${Math.round(bytes / 2 ** 20)} MB（上限 ${MAX_UNPACKED_BYTES / 2 ** 20} MB），不像是正常的绩效目标表，可能已损坏或是恶意文件，未导入`,
    );
  if (declared > MAX_UNPACKED_BYTES) throw tooBig(declared);
  let used = 0;
  let mimetype: string | null = null;
  const parts = new Map<string, Buffer>();
  const notHeld = new Map<string, Buffer>();
  for (const e of entries) {
    const h = e.offset;
    if (h + 30 > buf.length || buf.readUInt32LE(h) !== 0x04034b50) throw damagedZip(name, `内部文件 ${e.name} 缺失`);
    const start = h + 30 + buf.readUInt16LE(h + 26) + buf.readUInt16LE(h + 28);
    const data = buf.subarray(start, start + e.compressed);
    if (data.length < e.compressed) throw damagedZip(name, `内部文件 ${e.name} 不完整`);
    let out: Buffer;
    try {
      if (e.method === 0) out = data;
      else if (e.method === 8) out = zlib.inflateRawSync(data, { maxOutputLength: MAX_UNPACKED_BYTES - used + 1 });
      else throw damagedZip(name, `内部文件 ${e.name} 使用了不支持的压缩方式 ${e.method}`);
    } catch (err) {
      if (err instanceof UserError) throw err;
      if (err instanceof RangeError || (err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw tooBig(MAX_UNPACKED_BYTES + 1);
      throw damagedZip(name, `内部文件 ${e.name} 无法解压`);
    }
    used += out.length;
    if (used > MAX_UNPACKED_BYTES) throw tooBig(used);
    if (out.length !== e.size || zlib.crc32(out) !== e.crc) throw damagedZip(name, `内部文件 ${e.name} 校验失败`);
    if (/\.(xml|rels)$/i.test(e.name)) refuseDtdBytes(name, out);
    if (e.name === 'mimetype') mimetype = out.toString('utf8').trim();
    // A name given twice is the later entry, held or not.
    const part = e.name.replace(/^\//, '');
    if (out.length > holdUpTo && e.method === 8) {
      notHeld.set(part, data);
      parts.delete(part);
    } else {
      parts.set(part, out);
      notHeld.delete(part);
    }
  }
  if (notHeld.size === 0) return { mimetype, parts };
  return {
    mimetype,
    parts: {
      get: (part) => {
        const deflated = notHeld.get(part);
        return deflated ? zlib.inflateRawSync(deflated) : parts.get(part);
      },
    },
  };
}
