// What a file to import is, told by its first bytes and never by its name: officers' files arrive as `.xls` that are
// really XML (the 一体化 system's SpreadsheetML exports), `.xlsx` that are really old binary workbooks, CSV or HTML
// renamed, and so on. The readers behind readXlsxFile are chosen from this.

export type FileKind =
  /** A zip: xlsx, or ods (told apart after the zip has been checked). */
  | 'zip'
  /** An OLE2 compound file: binary .xls / .et, an encrypted xlsx, or a Word .doc. */
  | 'ole2'
  /** XML text: SpreadsheetML 2003 is the one kind of XML that can be imported. */
  | 'xml'
  | 'html'
  | 'json'
  /** Other text (CSV, tab-separated). */
  | 'text'
  | 'unknown';

const OLE2 = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const ZIP = 0x04034b50;

/** The file's start as text, for XML/HTML/JSON/CSV: UTF-16 (with or without BOM) or else UTF-8, BOM dropped. */
function headText(head: Buffer): string {
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0x3c && head[1] === 0x00)) return head.toString('utf16le').replace(/^\uFEFF/, '');
  if ((head[0] === 0xfe && head[1] === 0xff) || (head[0] === 0x00 && head[1] === 0x3c)) {
    return Buffer.from(head.subarray(0, head.length & ~1)).swap16().toString('utf16le').replace(/^\uFEFF/, '');
  }
  return head.toString('utf8').replace(/^\uFEFF/, '');
}

export function fileKind(head: Buffer): FileKind {
  if (head.length >= 8 && head.subarray(0, 8).equals(OLE2)) return 'ole2';
  if (head.length >= 4 && head.readUInt32LE(0) === ZIP) return 'zip';
  const start = headText(head).trimStart();
  if (/^<!DOCTYPE\s+html|^<html[\s>]/i.test(start)) return 'html';
  if (start.startsWith('<')) return 'xml';
  if (start.startsWith('{') || start.startsWith('[')) return 'json';
  // The last character may be cut in half by the end of `head`.
  if (!start.slice(0, -1).includes('\uFFFD') && !head.includes(0) && /[,\t;\n]/.test(start)) return 'text';
  return 'unknown';
}
