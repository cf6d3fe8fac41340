import { createTwoFilesPatch, FILE_HEADERS_ONLY } from 'diff';

/**
 * Returns the unified diff that turns `before` into `after`, labelled with the file's path, or ''
 * when they are equal. A file that does not exist yet is diffed from /dev/null, as git does.
 */
export function renderFileDiff(path: string, before: string | undefined, after: string): string {
  if (before === after) {
    return '';
  }

  const oldName = before === undefined ? '/dev/null' : path;
  return createTwoFilesPatch(oldName, path, before ?? '', after, undefined, undefined, { headerOptions: FILE_HEADERS_ONLY });
}
