import { createPainter, type Color } from '../output/terminalColors';
import type { Finding, FindingStatus } from './finding';

const MARKS: Record<FindingStatus, { mark: string; color: Color }> = {
  pass: { mark: 'ok  ', color: 'green' },
  warn: { mark: 'warn', color: 'yellow' },
  fail: { mark: 'FAIL', color: 'red' },
  skip: { mark: 'skip', color: 'dim' },
};

/**
 * Formats findings for a person: one block per subject in order of first appearance, one line per
 * check with its status mark and what was found, the fix below a warning or failure, and a summary.
 */
export function formatFindings(findings: readonly Finding[], color: boolean): string {
  const paint = createPainter(color);
  const subjects = [...new Set(findings.map((finding) => finding.subject))];
  const width = Math.max(...findings.map((finding) => finding.check.length));

  const blocks = subjects.map((subject) => {
    const block = findings.filter((candidate) => candidate.subject === subject);
    const lines = [paint('bold', headingOf(subject, block[0]?.check ?? ''))];
    for (const finding of block) {
      const { mark, color: tone } = MARKS[finding.status];
      lines.push(`  ${paint(tone, mark)}  ${finding.check.padEnd(width)}  ${finding.found}`);
      if (finding.fix !== undefined && (finding.status === 'warn' || finding.status === 'fail')) {
        lines.push(`  ${' '.repeat(4 + 2 + width + 2)}fix: ${finding.fix}`);
      }
    }

    return lines.join('\n');
  });

  return `${blocks.join('\n\n')}\n\n${summarize(findings)}\n`;
}

/** Names what a block is about when the subject alone does not: `Vault https://…`, `Cache /home/…`. */
function headingOf(subject: string, check: string): string {
  const group = check.split('.')[0];
  if (subject.startsWith('profile ')) {
    return subject;
  }

  if (group === 'vault' || group === 'token') {
    return subject.includes('://') ? `Vault ${subject}` : subject;
  }

  if (group === 'profile_map') {
    return `Profile map ${subject}`;
  }

  return group === 'cache' ? `Cache ${subject}` : subject;
}

/** Counts findings by status: `2 failed, 1 warning, 20 passed, 3 skipped`. */
export function summarize(findings: readonly Finding[]): string {
  const count = (status: FindingStatus): number => findings.filter((finding) => finding.status === status).length;
  const parts = [
    [count('fail'), 'failed'],
    [count('warn'), count('warn') === 1 ? 'warning' : 'warnings'],
    [count('pass'), 'passed'],
    [count('skip'), 'skipped'],
  ] as const;
  return parts.filter(([number]) => number > 0).map(([number, word]) => `${number} ${word}`).join(', ');
}
