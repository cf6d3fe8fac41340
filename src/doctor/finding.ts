export type FindingStatus = 'pass' | 'warn' | 'fail' | 'skip';

/** The result of one doctor check. No field ever contains a token or a credential. */
export interface Finding {
  /** Stable identifier for scripts, `group.name`: `vault.sealed`, `role.ttl`. */
  check: string;
  /** The subject of the check: a Vault address, `profile b-s3`, a file or directory path. */
  subject: string;
  status: FindingStatus;
  /** The check's result, in one line. */
  found: string;
  /** The fix for a warning or failure. */
  fix?: string;
}

/** Builds findings for one subject. */
export function findingsFor(subject: string) {
  const make = (status: FindingStatus) => (check: string, found: string, fix?: string): Finding =>
    fix === undefined ? { check, subject, status, found } : { check, subject, status, found, fix };

  return { pass: make('pass'), warn: make('warn'), fail: make('fail'), skip: make('skip') };
}

export type FindingBuilder = ReturnType<typeof findingsFor>;
