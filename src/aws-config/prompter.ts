import { createInterface } from 'node:readline/promises';

/** Questions to the person at the terminal. Tests pass a scripted implementation. */
export interface Prompter {
  /** Asks for one line of text; an empty answer returns `defaultValue` when there is one. */
  ask(question: string, defaultValue?: string): Promise<string>;
  /** Asks a yes/no question; an empty answer returns `defaultValue`. */
  confirm(question: string, defaultValue: boolean): Promise<boolean>;
  close(): void;
}

/**
 * Creates a prompter on the terminal. Questions go to stderr, so that stdout carries only the diff
 * and stays usable in a pipe.
 */
export function createTerminalPrompter(input: NodeJS.ReadableStream = process.stdin, output: NodeJS.WritableStream = process.stderr): Prompter {
  const readline = createInterface({ input, output, terminal: true });

  return {
    async ask(question, defaultValue) {
      const suffix = defaultValue === undefined || defaultValue === '' ? '' : ` [${defaultValue}]`;
      const answer = (await readline.question(`${question}${suffix}: `)).trim();
      return answer === '' ? (defaultValue ?? '') : answer;
    },

    async confirm(question, defaultValue) {
      const choices = defaultValue ? 'Y/n' : 'y/N';
      const answer = (await readline.question(`${question} [${choices}] `)).trim().toLowerCase();
      return answer === '' ? defaultValue : answer === 'y' || answer === 'yes';
    },

    close() {
      readline.close();
    },
  };
}
