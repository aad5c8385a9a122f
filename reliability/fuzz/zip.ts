// The fuzzer takes an xlsx or ods apart and puts a mutated one together (it changes the XML inside, not only the
// bytes around it), with the zip code the product itself uses: the import's checked reader and the export's writer.

import { checkZip } from '../../electron/core/xlsx/zipCheck.ts';
import { zip as zipEntries, zipEntry } from '../../electron/core/xlsx/zipWrite.ts';

export interface Entry {
  name: string;
  data: Buffer;
}

/** The entries of a well-formed zip (the fuzzer's own seeds, an exported workbook), in their order. */
export function unzip(buf: Buffer): Entry[] {
  return [...checkZip('fuzz seed', buf).parts].map(([name, data]) => ({ name, data }));
}

/** A zip of `entries`, deflated (an ods `mimetype` entry stored, as the format asks). */
export function zip(entries: readonly Entry[]): Buffer {
  return zipEntries(entries.map((e) => zipEntry(e.name, e.data, { store: e.name === 'mimetype' })));
}
