import { readFileSync } from 'node:fs';

/**
 * Tells whether this process is in the foreground process group of its terminal. The terminal
 * sends Ctrl-C (SIGINT) and Ctrl-\ (SIGQUIT) to that whole group, so a child in the same group has
 * already received them.
 *
 * On Linux it compares the process group with the terminal's foreground group from
 * /proc/self/stat. NOTE: elsewhere it assumes the foreground whenever stdin is a terminal, so a
 * SIGINT sent with kill(1) to this process alone while it runs in a terminal is not passed on.
 */
export function isForegroundProcessGroup(): boolean {
  if (process.platform === 'win32') {
    // A Windows console sends Ctrl-C and Ctrl-Break to every process attached to it.
    return true;
  }

  if (process.platform === 'linux') {
    const groups = readProcessGroups();
    if (groups !== undefined) {
      return groups.terminalGroup > 0 && groups.terminalGroup === groups.group;
    }
  }

  return process.stdin.isTTY === true;
}

/** Reads `pgrp` and `tpgid`, the 5th and 8th fields of /proc/self/stat, which follow the command name in brackets. */
function readProcessGroups(): { group: number; terminalGroup: number } | undefined {
  let stat: string;
  try {
    stat = readFileSync('/proc/self/stat', 'utf8');
  } catch {
    return undefined;
  }

  // The command name may contain spaces and brackets, so the fields start after the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const group = Number(fields[2]);
  const terminalGroup = Number(fields[5]);
  if (!Number.isInteger(group) || !Number.isInteger(terminalGroup)) {
    return undefined;
  }

  return { group, terminalGroup };
}
