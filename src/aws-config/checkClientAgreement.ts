import { ConfigError } from '../errors';
import type { IniLine } from '../ini/scanIni';
import { readBotocoreLines, readJavaScriptSdkHeader, readJavaScriptSdkKey, type BotocoreLine } from './clientReadings';
import { isCredentialKey } from './credentialConflicts';
import { MANAGED_KEY } from './managedMarker';

const JAVASCRIPT = 'the AWS SDK for JavaScript';
const JAVASCRIPT_CAPITALIZED = 'The AWS SDK for JavaScript';
const BOTOCORE = 'botocore (the AWS CLI and boto3)';

/** Keys whose reading decides what configure writes or rejects, besides the credential keys. */
const WRITTEN_KEYS = ['credential_process', 'region', 'output', MANAGED_KEY];

/** A line that the two clients read differently, with the fix. */
interface Disagreement {
  line: IniLine;
  javascript: string;
  botocore: string;
  fix: string;
}

/**
 * Checks that the JavaScript SDK and botocore read the AWS config file alike wherever configure
 * would edit it for `profile`, and returns warnings about what already breaks a client elsewhere.
 *
 * @throws ConfigError naming each line, how each client reads it and the fix, when the clients
 *   disagree on a section header anywhere, on which sections define `profile`, or on a key of it.
 */
export function checkClientAgreement(text: string, lines: readonly IniLine[], profile: string, file: string): { warnings: string[] } {
  // A byte order mark makes botocore reject the whole file. It is reported below as a warning, so
  // the line-by-line comparison reads the first line without it.
  const botocoreLines = readBotocoreLines(lines.map((line, index) => (index === 0 ? { ...line, raw: line.raw.replace(/^\uFEFF/, '') } : line)));
  const disagreements: Disagreement[] = [];
  const targetHeaders: number[] = [];

  lines.forEach((line, index) => {
    const found = compareHeader(line, botocoreLines[index] ?? { kind: 'blank' }, profile);
    if (found === 'target') {
      targetHeaders.push(index);
    } else if (found !== undefined) {
      disagreements.push(found);
    }
  });

  if (targetHeaders.length > 1) {
    throw new ConfigError(describeRepeatedProfile(lines, targetHeaders, profile, file), { file });
  }

  const header = targetHeaders[0];
  if (header !== undefined) {
    disagreements.push(...compareTargetKeys(lines, botocoreLines, header));
  }

  if (disagreements.length > 0) {
    const details = disagreements.map((found) => `line ${found.line.lineNumber} ${JSON.stringify(found.line.raw)}: ${found.javascript}, but ${found.botocore}. ${found.fix}`);
    throw new ConfigError(`${file} is read differently by AWS clients, so configure changed nothing. ${details.join(' ')} Then run configure again.`, { file });
  }

  return { warnings: findFileProblems(text, lines, botocoreLines, file) };
}

/** Returns `'target'` for a header both clients read as `profile`, a disagreement, or `undefined`. */
function compareHeader(line: IniLine, botocore: BotocoreLine, profile: string): Disagreement | 'target' | undefined {
  const javascript = line.kind === 'blank' || line.kind === 'comment' ? undefined : readJavaScriptSdkHeader(line.raw);
  const botocoreHeader = botocore.kind === 'header';
  const scannedHeader = line.kind === 'section';

  if ((javascript !== undefined) !== botocoreHeader || scannedHeader !== botocoreHeader) {
    return describeHeaderMismatch(line, javascript !== undefined, botocore);
  }

  if (javascript === undefined || botocore.section === undefined) {
    return undefined;
  }

  if (botocore.section === 'DEFAULT') {
    return {
      line,
      javascript: `${JAVASCRIPT} ignores this section`,
      botocore: `${BOTOCORE} copies its keys into every profile, because configparser treats [DEFAULT] as defaults`,
      fix: 'Move its keys into the profiles that need them and delete the section.',
    };
  }

  const resembles = looksLikeProfile(javascript.section, profile) || looksLikeProfile(botocore.section, profile);
  const bothTarget = javascript.profile === profile && botocore.profile === profile;
  if (bothTarget) {
    return 'target';
  }

  if (resembles || javascript.profile === profile || botocore.profile === profile) {
    return {
      line,
      javascript: `${JAVASCRIPT} reads ${describeProfile(javascript.profile, javascript.section)}`,
      botocore: `${BOTOCORE} reads ${describeProfile(botocore.profile, botocore.section)}`,
      fix: `Write the header as ${profile === 'default' ? '[default]' : `[profile ${profile}]`}: "profile", one space and the name, with no spaces inside the brackets.`,
    };
  }

  return undefined;
}

function describeHeaderMismatch(line: IniLine, javascriptHeader: boolean, botocore: BotocoreLine): Disagreement {
  if (botocore.kind === 'continuation') {
    return {
      line,
      javascript: javascriptHeader ? `${JAVASCRIPT} reads a section header` : `${JAVASCRIPT} reads no section header`,
      botocore: `${BOTOCORE} reads it as part of the value on line ${(botocore.continues ?? 0) + 1}, because it is indented deeper than that key`,
      fix: 'Remove the indentation before the line.',
    };
  }

  const botocoreText = botocore.kind === 'header' ? `${BOTOCORE} reads a header for ${describeProfile(botocore.profile, botocore.section)}` : `${BOTOCORE} reads no section header`;
  const javascriptText = javascriptHeader ? `${JAVASCRIPT} reads a section header` : `${JAVASCRIPT} reads no section header, so the keys after it stay in the section before`;
  return {
    line,
    javascript: javascriptText,
    botocore: botocoreText,
    fix: 'Write the header alone on its line, optionally followed by a space and a # comment ([profile NAME] # note).',
  };
}

/** Returns whether a section name resembles the profile: `Profile dev`, ` profile  "dev" `, `profile.dev`, `DEFAULT`. */
function looksLikeProfile(section: string, profile: string): boolean {
  const text = section.trim();
  if (profile === 'default' && /^default$/i.test(text)) {
    return true;
  }

  const match = /^profile[\s.]+(.*)$/i.exec(text);
  const name = (match?.[1] ?? '').trim().replace(/^(["'])(.*)\1$/, '$2');
  return match !== null && name === profile;
}

function describeProfile(profile: string | undefined, section?: string): string {
  if (profile !== undefined) {
    return `profile "${profile}"`;
  }

  return section === undefined ? 'no profile' : `section "${section}", which is no profile`;
}

function describeRepeatedProfile(lines: readonly IniLine[], headers: readonly number[], profile: string, file: string): string {
  const described = headers.map((index) => `line ${lines[index]?.lineNumber ?? index + 1} ${JSON.stringify(lines[index]?.raw ?? '')}`).join(', ');
  const repeatsHeader = new Set(headers.map((index) => lines[index]?.section)).size < headers.length;
  const readings = [];

  if (profile === 'default' && headers.some((index) => lines[index]?.section === 'default') && headers.some((index) => lines[index]?.section !== 'default')) {
    readings.push(`${JAVASCRIPT_CAPITALIZED} reads only [profile default], while ${BOTOCORE} reads whichever of the sections comes last.`);
  } else {
    readings.push(`${JAVASCRIPT_CAPITALIZED} merges the sections, while ${BOTOCORE} ${repeatsHeader ? 'rejects a file that repeats a section header' : 'reads only the last of them'}.`);
  }

  return (
    `Profile "${profile}" is defined by ${headers.length} sections in ${file} (${described}), so configure changed nothing. ${readings.join(' ')} ` +
    'Merge the keys into one section, delete the others, and run configure again.'
  );
}

/**
 * Compares the keys of the profile's section. A line indented deeper than the key before it is part
 * of that key's value for botocore and a key of its own for the JavaScript SDK, and `key: value`
 * is a key for botocore only.
 */
function compareTargetKeys(lines: readonly IniLine[], botocoreLines: readonly BotocoreLine[], header: number): Disagreement[] {
  const found: Disagreement[] = [];

  for (let index = header + 1; index < lines.length && lines[index]?.kind !== 'section'; index += 1) {
    const line = lines[index];
    const botocore = botocoreLines[index];
    if (line === undefined || botocore === undefined || line.kind === 'subkey') {
      continue;
    }

    const javascriptKey = line.kind === 'blank' || line.kind === 'comment' ? undefined : readJavaScriptSdkKey(line.raw);
    const botocoreKey = botocore.kind === 'option' ? botocore.key : undefined;
    if (javascriptKey?.toLowerCase() === botocoreKey || !(isWatchedKey(javascriptKey) || isWatchedKey(botocoreKey))) {
      continue;
    }

    const continuation = botocore.kind === 'continuation';
    let botocoreText = botocoreKey === undefined ? `${BOTOCORE} reads no key` : `${BOTOCORE} reads the key "${botocoreKey}"`;
    if (continuation) {
      botocoreText = `${BOTOCORE} reads it as part of the value on line ${(botocore.continues ?? 0) + 1}, because it is indented deeper than that key`;
    }

    found.push({
      line,
      javascript: javascriptKey === undefined ? `${JAVASCRIPT} reads no key` : `${JAVASCRIPT} reads the key "${javascriptKey}"`,
      botocore: botocoreText,
      fix: continuation ? 'Remove the indentation before the line.' : 'Write the line as "key = value".',
    });
  }

  return found;
}

function isWatchedKey(key: string | undefined): boolean {
  const lowerCase = key?.toLowerCase();
  return lowerCase !== undefined && (WRITTEN_KEYS.includes(lowerCase) || isCredentialKey(lowerCase));
}

/** Describes what already makes a client reject or misread the whole file. */
function findFileProblems(text: string, lines: readonly IniLine[], botocoreLines: readonly BotocoreLine[], file: string): string[] {
  const warnings: string[] = [];
  const rejects = `${BOTOCORE} rejects the whole file`;

  if (text.startsWith('\uFEFF')) {
    warnings.push(`${file} starts with a UTF-8 byte order mark: ${rejects} (MissingSectionHeaderError), while ${JAVASCRIPT} ignores the mark. Save the file as UTF-8 without a byte order mark.`);
  }

  const loneCarriageReturn = lines.find((line) => line.eol === '\r');
  if (loneCarriageReturn !== undefined) {
    warnings.push(`${file} ends line ${loneCarriageReturn.lineNumber} with a lone carriage return (old Mac line ending): ${JAVASCRIPT} splits lines only at line feeds and reads no profile from the file. Convert the line endings to LF.`);
  }

  const firstOutside = botocoreLines.findIndex((reading) => reading.kind === 'before-section');
  if (firstOutside !== -1) {
    warnings.push(`${file} line ${firstOutside + 1} ${JSON.stringify(lines[firstOutside]?.raw ?? '')} comes before any [section]: ${rejects} (MissingSectionHeaderError). Move it under a section or delete it.`);
  }

  const invalid = botocoreLines.findIndex((reading) => reading.kind === 'invalid');
  if (invalid !== -1) {
    warnings.push(`${file} line ${invalid + 1} ${JSON.stringify(lines[invalid]?.raw ?? '')} is neither a header nor "key = value": ${rejects} (ParsingError). Make it a comment or delete it.`);
  }

  warnings.push(...findRepeats(lines, botocoreLines, file, rejects));
  return warnings;
}

/** Finds repeated section headers and keys repeated in one section, which configparser's strict mode rejects. */
function findRepeats(lines: readonly IniLine[], botocoreLines: readonly BotocoreLine[], file: string, rejects: string): string[] {
  const warnings: string[] = [];
  const sections = new Map<string, number>();
  let keys = new Map<string, number>();
  let section = '';

  botocoreLines.forEach((reading, index) => {
    const lineNumber = lines[index]?.lineNumber ?? index + 1;
    if (reading.kind === 'header' && reading.section !== undefined) {
      section = reading.section;
      keys = new Map();
      const first = sections.get(section);
      if (first !== undefined) {
        warnings.push(`${file} repeats the section [${section}] (lines ${first} and ${lineNumber}): ${rejects} (DuplicateSectionError), while ${JAVASCRIPT} merges the sections. Merge them into one.`);
      }

      sections.set(section, first ?? lineNumber);
    } else if (reading.kind === 'option' && reading.key !== undefined) {
      const first = keys.get(reading.key);
      if (first !== undefined) {
        warnings.push(`${file} sets "${reading.key}" twice in [${section}] (lines ${first} and ${lineNumber}), counting keys that differ only in case: ${rejects} (DuplicateOptionError). Keep one of them.`);
      }

      keys.set(reading.key, first ?? lineNumber);
    }
  });

  return warnings;
}
