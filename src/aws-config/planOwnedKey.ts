import type { IniEdits } from '../ini/applyIniEdits';
import { findKeyLines, type IniSectionRange } from '../ini/findIniSections';
import { rewriteIniLine } from '../ini/replaceIniValue';
import type { IniLine } from '../ini/scanIni';

export interface KeyPlan {
  key: string;
  value: string;
  owned: Set<string>;
  inserted: string[];
  notes: string[];
  profile: string;
}

/**
 * Plans one key that configure writes: updates it in place, queues it for insertion, or removes it
 * when the value is empty and configure wrote it. `owned` and `notes` are updated to match.
 *
 * A key becomes owned only when configure adds it, or when it replaces another credential_process
 * under --force. A line that already had the value stays the user's, so `--remove` keeps it.
 */
export function planOwnedKey(lines: readonly IniLine[], edits: IniEdits, target: IniSectionRange, plan: KeyPlan): void {
  const { key, value, owned } = plan;
  const indices = findKeyLines(lines, target, key);

  if (indices.length === 0) {
    if (value !== '') {
      plan.inserted.push(`${key} = ${value}`);
      owned.add(key);
    }

    return;
  }

  if (value === '') {
    if (owned.has(key)) {
      indices.forEach((index) => edits.remove.add(index));
      owned.delete(key);
    } else {
      plan.notes.push(`Left ${key} in profile "${plan.profile}" as it is: vault-aws did not write it. Edit the file to remove it.`);
    }

    return;
  }

  for (const index of indices) {
    const line = lines[index];
    if (line === undefined || readsExactly(line, key, value)) {
      continue;
    }

    const rewritten = rewriteIniLine(line.raw, key, value);
    edits.replace.set(index, rewritten);
    if (line.value !== value && key === 'credential_process') {
      // Another command, replaced under --force: the line is configure's now.
      owned.add(key);
    } else if (!owned.has(key)) {
      const change = line.value === value ? `Rewrote line ${line.lineNumber} as ${JSON.stringify(rewritten)}, because botocore reads an inline comment as part of the value and the AWS SDK for JavaScript reads keys case-sensitively.` : `Changed ${key} from ${line.value ?? ''} to ${value}.`;
      plan.notes.push(`${change} configure --remove will keep this ${key} line of profile "${plan.profile}", because vault-aws did not add it.`);
    }
  }
}

/** Returns whether both clients read `key = value` from the line: lowercase key, no inline comment. */
function readsExactly(line: IniLine, key: string, value: string): boolean {
  const botocoreValue = line.raw.slice(line.raw.indexOf('=') + 1).trim();
  return line.key === key && line.value === value && botocoreValue === value;
}
