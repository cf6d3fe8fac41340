import type { IniEdits } from '../ini/applyIniEdits';
import { findKeyLines, type IniSectionRange } from '../ini/findIniSections';
import { replaceIniValue } from '../ini/replaceIniValue';
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
    if (line !== undefined && line.value !== value) {
      if (key !== 'credential_process' && !owned.has(key)) {
        plan.notes.push(`Changed ${key} of profile "${plan.profile}" from ${line.value ?? ''} to ${value}. configure --remove will keep this line, because vault-aws did not add it.`);
      }

      // A comment after credential_process would reach the command as arguments in botocore, which has no inline comments.
      edits.replace.set(index, key === 'credential_process' ? `${key} = ${value}` : replaceIniValue(line.raw, value));
    }
  }

  // The line is ours now: configure owned it already, it was identical, or --force replaced it.
  if (key === 'credential_process') {
    owned.add(key);
  }
}
