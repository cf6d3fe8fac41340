import { describe, expect, it } from 'vitest';

import { applyIniEdits, createIniEdits, detectLineEnding, insertLinesAfter } from './applyIniEdits';
import { scanIni } from './scanIni';

function edit(text: string, plan: (edits: ReturnType<typeof createIniEdits>) => void): string {
  const lines = scanIni(text);
  const edits = createIniEdits();
  plan(edits);
  return applyIniEdits(lines, edits, detectLineEnding(lines));
}

describe('applyIniEdits', () => {
  it('keeps the text when there is nothing to do', () => {
    const text = '# c\r\n[a]\r\nk = v\n\n\tx=1';
    expect(edit(text, () => undefined)).toBe(text);
  });

  it('inserts with the file line ending', () => {
    expect(edit('[a]\r\nk = v\r\n', (edits) => insertLinesAfter(edits, 1, ['n = 1']))).toBe('[a]\r\nk = v\r\nn = 1\r\n');
  });

  it('inserts at the start of the file', () => {
    expect(edit('[a]\n', (edits) => insertLinesAfter(edits, -1, ['# top']))).toBe('# top\n[a]\n');
  });

  it('inserts into an empty file with a final newline', () => {
    expect(edit('', (edits) => insertLinesAfter(edits, -1, ['[a]', 'k = v']))).toBe('[a]\nk = v\n');
  });

  it('keeps a missing final newline after inserting at the end', () => {
    expect(edit('[a]\nk = v', (edits) => insertLinesAfter(edits, 1, ['n = 1']))).toBe('[a]\nk = v\nn = 1');
  });

  it('keeps a missing final newline after removing the last line', () => {
    expect(edit('[a]\nk = v\nn = 1', (edits) => edits.remove.add(2))).toBe('[a]\nk = v');
  });

  it('gives back the original after removing what was inserted', () => {
    const original = '[a]\r\nk = v';
    const inserted = edit(original, (edits) => insertLinesAfter(edits, 1, ['', '[b]', 'x = 1']));
    expect(inserted).toBe('[a]\r\nk = v\r\n\r\n[b]\r\nx = 1');

    expect(edit(inserted, (edits) => [2, 3, 4].forEach((index) => edits.remove.add(index)))).toBe(original);
  });

  it('replaces a line and keeps its line ending', () => {
    expect(edit('a = 1\r\nb = 2\n', (edits) => edits.replace.set(0, 'a = 3'))).toBe('a = 3\r\nb = 2\n');
  });

  it('keeps a byte order mark first', () => {
    expect(edit('\uFEFF', (edits) => insertLinesAfter(edits, -1, ['[a]']))).toBe('\uFEFF[a]\n');
    expect(edit('\uFEFF[a]\nk = v\n[b]\n', (edits) => [0, 1].forEach((index) => edits.remove.add(index)))).toBe('\uFEFF[b]\n');
  });

  it('removes every line', () => {
    expect(edit('a = 1\nb = 2\n', (edits) => [0, 1].forEach((index) => edits.remove.add(index)))).toBe('');
  });
});

describe('detectLineEnding', () => {
  it('returns the first line ending', () => {
    expect(detectLineEnding(scanIni('a\r\nb\nc'))).toBe('\r\n');
  });

  it('defaults to a newline', () => {
    expect(detectLineEnding(scanIni('a'))).toBe('\n');
  });
});
