import { UsageError } from '../errors';
import { parseDurationSeconds } from '../profiles/duration';
import { isValidAddress, MAX_TTL_SECONDS, MIN_TTL_SECONDS } from '../profiles/resolveProfile';
import type { ConfigureValues } from './configureValues';
import { OUTPUT_FORMATS } from './configureValues';

type FieldCheck = (value: string, flag: string) => void;

const FIELD_CHECKS: Record<keyof ConfigureValues, { flag: string; check: FieldCheck }> = {
  vaultRole: { flag: '--vault-role', check: matching(/^[\w.@-]+$/, 'letters, digits and _ . - @') },
  vaultMount: { flag: '--vault-mount', check: matching(/^\/?[\w.-]+(?:\/[\w.-]+)*\/?$/, 'letters, digits, _ . - and / between path segments') },
  roleArn: { flag: '--role-arn', check: matching(/^arn:[a-z][a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]+$/, 'the form arn:aws:iam::123456789012:role/NAME') },
  ttl: { flag: '--ttl', check: checkTtl },
  roleSessionName: { flag: '--role-session-name', check: matching(/^[\w+=,.@-]{2,64}$/, '2 to 64 letters, digits and _ + = , . @ -, as AWS requires') },
  vaultAddr: { flag: '--vault-addr', check: checkVaultAddr },
  vaultNamespace: { flag: '--vault-namespace', check: matching(/^[\w.-]+(?:\/[\w.-]+)*\/?$/, 'letters, digits, _ . - and / between path segments') },
  region: { flag: '--region', check: matching(/^[a-z0-9-]+$/, 'lowercase letters, digits and -, like eu-west-1') },
  output: { flag: '--output', check: checkOutput },
};

/**
 * Rejects any value that would not survive a round trip through the INI files or that Vault or
 * AWS would reject later. Empty values pass, because they mean "remove this key".
 */
export function validateConfigureValues(values: ConfigureValues): void {
  for (const [field, { flag, check }] of Object.entries(FIELD_CHECKS)) {
    const value = values[field as keyof ConfigureValues];
    if (value === undefined || value === '') {
      continue;
    }

    validateIniValue(value, flag);
    check(value, flag);
  }
}

/** Rejects text that an INI line cannot hold unchanged. */
export function validateIniValue(value: string, flag: string): void {
  if (/[\r\n]/.test(value)) {
    throw new UsageError(`Invalid ${flag} ${JSON.stringify(value)}: it contains a line break, which would start a new line in the file. Pass the value on one line.`);
  }

  if (/[\u0000-\u001f\u007f]/.test(value)) {
    throw new UsageError(`Invalid ${flag} ${JSON.stringify(value)}: it contains a control character. Remove it and try again.`);
  }

  if (/(?:^|\s)[#;]/.test(value)) {
    throw new UsageError(`Invalid ${flag} ${JSON.stringify(value)}: a # or ; at the start or after a space begins a comment for the AWS SDK for JavaScript and for vault-aws, so the value would be cut there.`);
  }
}

function matching(pattern: RegExp, description: string): FieldCheck {
  return (value, flag) => {
    if (!pattern.test(value)) {
      throw new UsageError(`Invalid ${flag} ${JSON.stringify(value)}: expected ${description}.`);
    }
  };
}

function checkTtl(value: string, flag: string): void {
  const seconds = parseDurationSeconds(value);
  if (seconds === undefined) {
    throw new UsageError(`Invalid ${flag} ${JSON.stringify(value)}: expected a Vault duration such as 3600 (seconds), 90m or 1h.`);
  }

  if (seconds < MIN_TTL_SECONDS) {
    throw new UsageError(`Invalid ${flag} ${JSON.stringify(value)}: AWS issues credentials for at least 15 minutes. Pass 15m or more.`);
  }

  if (seconds > MAX_TTL_SECONDS) {
    throw new UsageError(`Invalid ${flag} ${JSON.stringify(value)}: STS issues credentials for at most 36 hours (${MAX_TTL_SECONDS} seconds). Pass 36h or less.`);
  }
}

/** Uses the rule that credential-process applies to vault_addr, so configure writes no address it would reject. */
function checkVaultAddr(value: string, flag: string): void {
  if (!isValidAddress(value)) {
    throw new UsageError(`Invalid ${flag} ${JSON.stringify(value)}: expected an http or https URL with a host, or unix:///PATH, without spaces, such as https://vault.example.com:8200.`);
  }
}

function checkOutput(value: string, flag: string): void {
  if (!OUTPUT_FORMATS.includes(value)) {
    throw new UsageError(`Invalid ${flag} ${JSON.stringify(value)}: expected one of ${OUTPUT_FORMATS.join(', ')}.`);
  }
}
