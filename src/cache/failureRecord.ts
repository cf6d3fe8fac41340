import { readFileSync, unlinkSync } from 'node:fs';
import { writeCacheFile } from './writeCacheFile';

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
  try {
    const record = JSON.parse(readFileSync(recordPath(entryPath), 'utf8')) as Partial<FailureRecord>;
    if (typeof record.at === 'number' && typeof record.message === 'string' && typeof record.exitCode === 'number') {
      return record as FailureRecord;
    }
  } catch {
    // Missing or damaged: no failure to report.
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
