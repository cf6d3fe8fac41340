import type { IniLine } from './scanIni';

/**
 * Line edits planned against one scan of a file, applied together so that indices stay valid.
 * Index -1 in `insertAfter` means the start of the file.
 */
export interface IniEdits {
  replace: Map<number, string>;
  remove: Set<number>;
  insertAfter: Map<number, string[]>;
}

const BYTE_ORDER_MARK = '\uFEFF';

export function createIniEdits(): IniEdits {
  return { replace: new Map(), remove: new Set(), insertAfter: new Map() };
}

export function hasIniEdits(edits: IniEdits): boolean {
  return edits.replace.size > 0 || edits.remove.size > 0 || edits.insertAfter.size > 0;
}

export function insertLinesAfter(edits: IniEdits, index: number, raws: readonly string[]): void {
  const queued = edits.insertAfter.get(index) ?? [];
  queued.push(...raws);
  edits.insertAfter.set(index, queued);
}

/**
 * Applies `edits` and returns the new text. Untouched lines keep their bytes and line endings, and
 * inserted lines use `eol`. A file without a final line ending keeps lacking one, so removing what
 * an insertion added gives back the original bytes.
 */
export function applyIniEdits(lines: readonly IniLine[], edits: IniEdits, eol: string): string {
  // A byte order mark belongs to the file, not to its first line, which may be removed or preceded.
  const byteOrderMark = lines[0]?.raw.startsWith(BYTE_ORDER_MARK) === true ? BYTE_ORDER_MARK : '';
  const output: { raw: string; eol: string }[] = [];
  const pushInserted = (index: number): void => {
    for (const raw of edits.insertAfter.get(index) ?? []) {
      output.push({ raw, eol });
    }
  };

  pushInserted(-1);
  lines.forEach((line, index) => {
    if (!edits.remove.has(index)) {
      const raw = edits.replace.get(index) ?? line.raw;
      output.push({ raw: index === 0 ? raw.replace(/^\uFEFF/, '') : raw, eol: line.eol === '' ? eol : line.eol });
    }

    pushInserted(index);
  });

  const last = output.at(-1);
  const lastOriginal = lines.at(-1);
  if (last !== undefined && lastOriginal !== undefined && lastOriginal.eol === '') {
    last.eol = '';
  }

  return byteOrderMark + output.map((line) => line.raw + line.eol).join('');
}

/** Returns the line ending of the first line that has one, or `\n` for a file without any. */
export function detectLineEnding(lines: readonly IniLine[]): string {
  const first = lines.find((line) => line.eol !== '');
  return first?.eol ?? '\n';
}
