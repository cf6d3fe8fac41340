import { join, posix, win32 } from 'node:path';

import { ConfigError } from '../errors';

export interface CredentialProcessLineOptions {
  profile: string;
  /** Absolute path of the Node.js binary that runs vault-aws. */
  nodePath: string;
  /** Absolute path of the bin entry, `dist/main.cjs`. */
  entryPath: string;
  platform?: NodeJS.Platform;
}

export interface CredentialProcessLine {
  line: string;
  /** Clients that may fail to run the line, one sentence each. Empty when no path needed quotes. */
  warnings: string[];
}

/** Words that need no quotes, under a POSIX shell and Python's shlex, and under cmd.exe and the C runtime's rules. */
const POSIX_PLAIN_WORD = /^[A-Za-z0-9_@%+=:,./-]+$/;
const WINDOWS_PLAIN_WORD = /^[A-Za-z0-9_@+=:,.~\\/-]+$/;

/**
 * Builds `<node> --no-warnings <main.cjs> credential-process --profile NAME` with absolute paths, so
 * the line runs the same under any PATH (desktop apps do not see nvm's PATH). `--no-warnings`
 * keeps Node's warnings off stderr, which the C++ SDK parses together with stdout.
 *
 * A path with spaces or shell characters is quoted: with single quotes on POSIX, which `sh -c` and Python's
 * `shlex.split` read alike, and with double quotes on Windows, the only quotes the C runtime and
 * cmd.exe know. The line never both starts and ends with a quote, because the Go SDK's INI
 * parser unquotes such a value.
 */
export function buildCredentialProcessLine(options: CredentialProcessLineOptions): CredentialProcessLine {
  const windows = (options.platform ?? process.platform) === 'win32';
  validateInstallationPath(options.nodePath, 'Node.js binary', windows);
  validateInstallationPath(options.entryPath, 'vault-aws entry file', windows);

  const quote = windows ? quoteWindowsWord : quotePosixWord;
  const node = quote(options.nodePath);
  const entry = quote(options.entryPath);
  const line = [node, '--no-warnings', entry, 'credential-process', '--profile', options.profile].join(' ');

  const quotedPaths = [options.nodePath, options.entryPath].filter((path) => quote(path) !== path);
  return { line, warnings: quotedPaths.length === 0 ? [] : describeQuotedPaths(quotedPaths, windows) };
}

/** Returns where this installation's Node.js binary and bin entry are, for the CLI bundle in `dist/`. */
export function installationPaths(): { nodePath: string; entryPath: string } {
  // The CLI runs from the CommonJS bundle dist/cli.cjs, where __dirname is the dist directory.
  if (typeof __dirname !== 'string') {
    throw new ConfigError('Cannot locate dist/main.cjs: configure must run from the built package. Run npm run build and use dist/main.cjs.');
  }

  return { nodePath: process.execPath, entryPath: join(__dirname, 'main.cjs') };
}

function validateInstallationPath(path: string, label: string, windows: boolean): void {
  const isAbsolute = windows ? win32.isAbsolute(path) : posix.isAbsolute(path);
  if (!isAbsolute) {
    throw new ConfigError(`The ${label} path ${JSON.stringify(path)} is not absolute, so the credential_process line would depend on the working directory. Pass an absolute path.`);
  }

  if (/[\u0000-\u001f\u007f]/.test(path)) {
    throw new ConfigError(`The ${label} path ${JSON.stringify(path)} contains a line break or control character, which cannot be written into the config file. Install it under a plain path.`);
  }

  if (/\s[#;]/.test(path)) {
    throw new ConfigError(`The ${label} path ${JSON.stringify(path)} contains a space followed by # or ;, where the AWS SDK for JavaScript would cut the credential_process line as a comment. Install it under a path without that sequence.`);
  }

  if (windows && /["%]/.test(path)) {
    throw new ConfigError(`The ${label} path ${JSON.stringify(path)} contains " or %, which cmd.exe would interpret in the credential_process line. Install it under a path without them.`);
  }
}

function quotePosixWord(word: string): string {
  return POSIX_PLAIN_WORD.test(word) ? word : `'${word.replaceAll("'", "'\\''")}'`;
}

function quoteWindowsWord(word: string): string {
  return WINDOWS_PLAIN_WORD.test(word) ? word : `"${word}"`;
}

function describeQuotedPaths(paths: readonly string[], windows: boolean): string[] {
  const list = paths.map((path) => JSON.stringify(path)).join(' and ');
  const fix = 'Installing Node.js and vault-aws under paths without spaces avoids this.';

  if (!windows) {
    return [
      `The credential_process line quotes ${list}. The AWS CLI (which splits the line like a POSIX shell) and the SDKs that run it with sh -c (JavaScript, Go, Java, Rust, .NET, C++) read the quotes correctly, but a tool that splits the line on spaces itself will not. ${fix}`,
    ];
  }

  // NOTE: 8.3 short names (C:\PROGRA~1\...) would avoid the quotes; configure does not look them up yet.
  const warnings = [
    `The credential_process line quotes ${list}. The AWS CLI and the JavaScript SDK run it.`,
    'The Go SDK, and the Rust SDK before release-2026-08-19, pass the line to cmd.exe as one escaped argument and cannot run a quoted path.',
  ];
  if (paths.length > 1) {
    warnings.push('The Java and .NET SDKs run the line with cmd.exe /C, which strips the first and last quote of a line with more than one quoted path, so they cannot run it.');
  }

  warnings.push(fix);
  return warnings;
}
