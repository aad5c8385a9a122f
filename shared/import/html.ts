// Texts copied out of the source systems' web pages keep their HTML (`<p>…</p>`, `<br>`, `&nbsp;`). The import
// takes it out of every text cell, keeping the text and its paragraph breaks, and says where it did.

/** The tags those pages leave: paragraphs, breaks, lists, tables and inline formatting (not `<5次` or `≤`). */
const TAG = /<\/?(?:p|br|div|span|font|strong|b|i|em|u|ol|ul|li|table|tbody|tr|td|th|h[1-6])(?:\s[^<>]*)?\s*\/?>/gi;
/** Tags that end a paragraph or line: a line break where text follows. */
const BREAK = /<(?:br\s*\/?|\/(?:p|div|li|tr|h[1-6]))>/gi;
const ENTITY = /&(?:nbsp|lt|gt|amp|quot|apos|#\d{1,6}|#x[0-9a-f]{1,5});/gi;
/** The same, without the global flag: a test that keeps no `lastIndex` between cells. */
const HAS_TAG = new RegExp(TAG.source, 'i');
const HAS_ENTITY = new RegExp(ENTITY.source, 'i');
const NAMED: Readonly<Record<string, string>> = { nbsp: ' ', lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decodeEntity(entity: string): string {
  const name = entity.slice(1, -1).toLowerCase();
  if (name.startsWith('#x')) return String.fromCodePoint(Number.parseInt(name.slice(2), 16));
  if (name.startsWith('#')) return String.fromCodePoint(Number(name.slice(1)));
  return NAMED[name] ?? entity;
}

/** The text without HTML tags and entities, or null when it holds none. */
export function withoutHtml(text: string): string | null {
  // Every tag has a `<` and every entity a `&`: most cells have neither, and need no regular expression.
  const tag = text.includes('<') && HAS_TAG.test(text);
  if (!tag && !(text.includes('&') && HAS_ENTITY.test(text))) return null;
  return text
    .replace(BREAK, '\n')
    .replace(TAG, '')
    .replace(ENTITY, decodeEntity)
    .replace(/^\n+|\n+$/g, '')
    .replace(/\n{2,}/g, '\n');
}
