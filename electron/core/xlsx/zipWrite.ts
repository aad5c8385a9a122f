// A zip archive (PKWARE APPNOTE 6.3: local headers, central directory, end record; deflate; UTF-8 names) made with
// node:zlib alone. An xlsx is a handful of parts, none near the 4 GiB that would need zip64; the libraries that
// could do this (archiver, jszip) come only as exceljs' own dependencies, not ours.

import zlib from 'node:zlib';

/** A part, compressed as soon as it is made, so its uncompressed bytes need not wait for the others. */
export interface ZipEntry {
  name: Buffer;
  method: typeof STORE | typeof DEFLATE;
  packed: Buffer;
  crc: number;
  size: number;
}

const STORE = 0;
const DEFLATE = 8;

/** Deflated, or stored as it is where a format asks for it (an ods file's `mimetype` entry). */
export function zipEntry(name: string, data: Buffer, opts: { store?: boolean } = {}): ZipEntry {
  const method = opts.store ? STORE : DEFLATE;
  return { name: Buffer.from(name, 'utf8'), method, packed: method === STORE ? data : zlib.deflateRawSync(data, { level: 6 }), crc: zlib.crc32(data), size: data.length };
}

/** DOS date and time of `d` (local time, two-second resolution), as zip headers keep them. */
function dosDateTime(d: Date): { time: number; date: number } {
  return {
    time: (d.getHours() << 11) | (d.getMinutes() << 5) | Math.floor(d.getSeconds() / 2),
    date: ((d.getFullYear() - 1980) << 9) | ((d.getMonth() + 1) << 5) | d.getDate(),
  };
}

const UTF8_NAMES = 0x0800;
const VERSION = 20;

export function zip(entries: readonly ZipEntry[], at: Date = new Date()): Buffer {
  const { time, date } = dosDateTime(at);
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const { name, method, packed, crc, size } of entries) {
    // The fields local and central headers share, from "flags" to "name length".
    const shared = (h: Buffer, at: number) => {
      h.writeUInt16LE(UTF8_NAMES, at);
      h.writeUInt16LE(method, at + 2);
      h.writeUInt16LE(time, at + 4);
      h.writeUInt16LE(date, at + 6);
      h.writeUInt32LE(crc, at + 8);
      h.writeUInt32LE(packed.length, at + 12);
      h.writeUInt32LE(size, at + 16);
      h.writeUInt16LE(name.length, at + 20);
    };
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(VERSION, 4);
    shared(local, 6);
    const header = Buffer.alloc(46);
    header.writeUInt32LE(0x02014b50, 0);
    header.writeUInt16LE(VERSION, 4);
    header.writeUInt16LE(VERSION, 6);
    shared(header, 8);
    // Extra field, comment, disk number, internal and external attributes: all zero.
    header.writeUInt32LE(offset, 42);
    parts.push(local, name, packed);
    central.push(header, name);
    offset += local.length + name.length + packed.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, directory, end]);
}
