import { unlinkSync } from 'node:fs';
import { readCacheFile } from './readCacheFile';
import { writeCacheFile } from './writeCacheFile';

/** Largest failure record read. Its message quotes at most 5 of Vault's error texts of 300 characters each. */
const MAX_FAILURE_RECORD_BYTES = 16 * 1024;

/** The last failed Vault request for a profile, kept so that waiting processes do not repeat it. */
export interface FailureRecord {
  /** Milliseconds since the epoch. */
  at: number;
  /** The secret-free message that was printed. */
  message: string;
  exitCode: number;
}

function recordPath(entryPath: string): string {
  return `${entryPath}.failure`;
}

export function readFailureRecord(entryPath: string): FailureRecord | undefined {
  const read = readCacheFile(recordPath(entryPath), MAX_FAILURE_RECORD_BYTES);
  if (read.text === undefined) {
    return undefined;
  }

  try {
    const record = JSON.parse(read.text) as Partial<FailureRecord>;
    if (typeof record.at === 'number' && typeof record.message === 'string' && typeof record.exitCode === 'number') {
      return record as FailureRecord;
    }
  } catch {
    // Damaged: no failure to report.
  }

  return undefined;
}

export function writeFailureRecord(entryPath: string, record: FailureRecord): void {
  writeCacheFile(recordPath(entryPath), JSON.stringify(record));
}

export function removeFailureRecord(entryPath: string): void {
  try {
    unlinkSync(recordPath(entryPath));
  } catch {
    // Nothing recorded.
  }
}
