import { UsageError } from '../errors';

/**
 * Characters the AWS SDK for JavaScript v3 accepts in a `[profile NAME]` header, whose pattern is
 * `[\w-@+.%:/]`. That SDK does not see a profile whose header has any other character.
 */
const PROFILE_NAME_PATTERN = /^[A-Za-z0-9_.@+%:/-]+$/;
const INI_SYNTAX_CHARACTERS = ['[', ']', '#', ';'];

/** Rejects a profile name that cannot be written into both INI files and the credential_process line. */
export function validateProfileName(name: string, platform: NodeJS.Platform = process.platform): void {
  const quoted = JSON.stringify(name);

  if (name === '') {
    throw new UsageError('The profile name is empty. Pass --profile NAME.');
  }

  if (/[\r\n]/.test(name)) {
    throw new UsageError(`Invalid profile name ${quoted}: it contains a line break, which would end the [profile …] header and start a new line in the config file. Choose a name without line breaks.`);
  }

  const syntax = INI_SYNTAX_CHARACTERS.find((character) => name.includes(character));
  if (syntax !== undefined) {
    throw new UsageError(`Invalid profile name ${quoted}: "${syntax}" is part of the INI syntax (section brackets or a comment), so the [profile …] header would not parse. Choose a name without [ ] # ;.`);
  }

  if (!PROFILE_NAME_PATTERN.test(name)) {
    throw new UsageError(`Invalid profile name ${quoted}: the AWS SDK for JavaScript only finds profiles whose names use letters, digits and _ . - @ + % : /. Choose a name from those characters.`);
  }

  if (name.startsWith('-')) {
    throw new UsageError(`Invalid profile name ${quoted}: a name that starts with "-" would be read as an option in the credential_process line. Choose a name that starts with a letter or digit.`);
  }

  if (name === '__proto__') {
    throw new UsageError('Invalid profile name "__proto__": the AWS SDK for JavaScript rejects it. Choose another name.');
  }

  if (platform === 'win32' && name.includes('%')) {
    throw new UsageError(`Invalid profile name ${quoted}: cmd.exe, which most SDKs use to run credential_process on Windows, expands %…% in the line. Choose a name without %.`);
  }
}
