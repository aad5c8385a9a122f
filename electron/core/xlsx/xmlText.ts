// XML as the import readers take it in: bytes decoded by their BOM or declared encoding (the 一体化 system writes
// UTF-8, Excel may write UTF-16, older servers GBK), and no document type declaration at all. A DOCTYPE is what
// "billion laughs" entity expansion and external entities (reading local files) need, and no spreadsheet program
// writes one, so it is refused before any parser sees the document.

import { TextDecoder } from 'node:util';
import { UserError } from '../../../shared/errors.ts';

function dtdRefused(name: string): UserError {
  return new UserError(
    `“${name}”含有 XML 文档类型声明（<!DOCTYPE>/<!ENTITY>）。Excel、WPS 和预算管理一体化系统导出的表格都不含这种声明，` +
      '它可被用来让程序耗尽内存或读取本机文件，因此未导入。如确是正常表格，请在 Excel 或 WPS 中另存为 .xlsx 后再导入',
  );
}

const DTD_MARKS = ['<!DOCTYPE', '<!doctype', '<!ENTITY', '<!entity'];
const DTD_BYTES = DTD_MARKS.flatMap((m) => [Buffer.from(m, 'utf8'), Buffer.from(m, 'utf16le')]);
const OPENERS = [Buffer.from('<!', 'utf8'), Buffer.from('<!', 'utf16le')];

/** Refuses XML bytes (a part of an xlsx or ods) that declare a document type or entities. */
export function refuseDtdBytes(name: string, xml: Buffer): void {
  // Most parts have no `<!` at all: look for that once, and for the marks only where it occurs.
  for (const opener of OPENERS) {
    for (let at = xml.indexOf(opener); at >= 0; at = xml.indexOf(opener, at + 1)) {
      const here = xml.subarray(at, at + 2 * 9);
      if (DTD_BYTES.some((m) => here.subarray(0, m.length).equals(m))) throw dtdRefused(name);
    }
  }
}

/** Refuses decoded XML text that declares a document type or entities. */
export function refuseDtdText(name: string, xml: string): void {
  if (/<!(DOCTYPE|ENTITY)/i.test(xml)) throw dtdRefused(name);
}

/** The encoding a BOM or the XML declaration names (UTF-8 when neither does), and where the text starts. */
function encodingOf(buf: Buffer): { encoding: string; start: number } {
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return { encoding: 'utf-8', start: 3 };
  if (buf[0] === 0xff && buf[1] === 0xfe) return { encoding: 'utf-16le', start: 2 };
  if (buf[0] === 0xfe && buf[1] === 0xff) return { encoding: 'utf-16be', start: 2 };
  if (buf[0] === 0x3c && buf[1] === 0x00) return { encoding: 'utf-16le', start: 0 };
  if (buf[0] === 0x00 && buf[1] === 0x3c) return { encoding: 'utf-16be', start: 0 };
  const declared = /^\s*<\?xml[^>]*?\sencoding\s*=\s*["']([^"']+)["']/.exec(buf.subarray(0, 512).toString('latin1'));
  return { encoding: declared?.[1]?.trim().toLowerCase() ?? 'utf-8', start: 0 };
}

/** Decodes an XML file's bytes to text; a wrong or unknown encoding is a clear UserError. */
export function xmlText(name: string, buf: Buffer): string {
  const { encoding, start } = encodingOf(buf);
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(encoding, { fatal: true });
  } catch {
    throw new UserError(`“${name}”声明的文字编码“${encoding}”无法识别。请在 Excel 或 WPS 中打开后另存为 .xlsx 再导入`);
  }
  let text: string;
  try {
    text = decoder.decode(buf.subarray(start));
  } catch {
    throw new UserError(`“${name}”中有不符合其文字编码（${encoding}）的字节，文件可能已损坏或编码声明有误。请重新获取文件，或在 Excel/WPS 中另存为 .xlsx 后再导入`);
  }
  refuseDtdText(name, text);
  return text;
}
