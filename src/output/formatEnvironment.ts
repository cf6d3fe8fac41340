import { VaultAwsError } from '../errors';

export const ENVIRONMENT_FORMATS = ['sh', 'fish', 'powershell', 'cmd', 'dotenv', 'json'] as const;

export type EnvironmentFormat = (typeof ENVIRONMENT_FORMATS)[number];

/** A variable to set, or to remove when `value` is undefined. */
export interface EnvironmentVariable {
  name: string;
  value: string | undefined;
}

/**
 * Characters that cmd.exe and every dotenv reader (docker --env-file, Compose, python-dotenv,
 * dotenv for Node.js) take literally without quotes. AWS keys, session tokens and timestamps use
 * only these, so the two formats that have no safe quoting reject anything else.
 */
const UNQUOTED_SAFE = /^[A-Za-z0-9+/=._:,@~-]*$/;

const CONTROL_CHARACTER = /[\u0000-\u001f\u007f]/;

/**
 * Formats variables as statements for a shell, so that `eval`, `source` or `Invoke-Expression`
 * sets them. Every value is quoted so that it cannot end its quotes early and run a command. A
 * value with a line break or other control character is rejected in every format.
 */
export function formatEnvironment(variables: readonly EnvironmentVariable[], format: EnvironmentFormat): string {
  for (const variable of variables) {
    validateValue(variable, format);
  }

  if (format === 'json') {
    const document = Object.fromEntries(variables.filter((variable) => variable.value !== undefined).map((variable) => [variable.name, variable.value]));
    return `${JSON.stringify(document)}\n`;
  }

  const lines = variables.map((variable) => formatStatement(variable, format)).filter((line) => line !== undefined);
  return lines.map((line) => `${line}\n`).join('');
}

function formatStatement(variable: EnvironmentVariable, format: Exclude<EnvironmentFormat, 'json'>): string | undefined {
  const { name, value } = variable;
  switch (format) {
    case 'sh':
      return value === undefined ? `unset ${name}` : `export ${name}=${quotePosix(value)}`;
    case 'fish':
      return value === undefined ? `set -e ${name}` : `set -gx ${name} ${quoteFish(value)}`;
    case 'powershell':
      return value === undefined ? `$Env:${name} = $null` : `$Env:${name} = ${quotePowerShell(value)}`;
    case 'cmd':
      // `set NAME=` with nothing after the equals sign removes the variable.
      return `set ${name}=${value ?? ''}`;
    case 'dotenv':
      return value === undefined ? undefined : `${name}=${value}`;
  }
}

/** Single quotes end only at the next single quote, which is written as `'\''`. */
export function quotePosix(value: string): string {
  return `'${value.replaceAll("'", "'\\''")}'`;
}

/** In fish, `\'` and `\\` are the only escapes inside single quotes. */
export function quoteFish(value: string): string {
  return `'${value.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;
}

/**
 * PowerShell ends a single-quoted string at any of ' ‘ ’ ‚ ‛ and reads two of them in a row as one
 * literal character, so each is doubled.
 */
export function quotePowerShell(value: string): string {
  return `'${value.replace(/['\u2018\u2019\u201a\u201b]/g, '$&$&')}'`;
}

function validateValue(variable: EnvironmentVariable, format: EnvironmentFormat): void {
  const { name, value } = variable;
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
    throw new VaultAwsError(`cannot write the environment variable name ${JSON.stringify(name)}: names are letters, digits and _`);
  }

  if (value === undefined) {
    return;
  }

  if (CONTROL_CHARACTER.test(value)) {
    throw new VaultAwsError(`the value of ${name} contains a line break or another control character, so it is not printed for a shell; check what Vault returned`);
  }

  if ((format === 'cmd' || format === 'dotenv') && !UNQUOTED_SAFE.test(value)) {
    const character = [...value].find((candidate) => !UNQUOTED_SAFE.test(candidate)) ?? '';
    throw new VaultAwsError(
      `the value of ${name} contains ${JSON.stringify(character)}, which --format ${format} cannot quote safely; use --format powershell, sh or json instead`,
    );
  }
}
