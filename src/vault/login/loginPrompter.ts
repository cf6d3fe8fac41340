import { createInterface } from 'node:readline/promises';
import { Writable } from 'node:stream';

/** Questions and notices for the person logging in; tests pass a scripted implementation. */
export interface LoginPrompter {
  ask(question: string): Promise<string>;
  /** Asks without echoing the answer, for passwords. */
  askSecret(question: string): Promise<string>;
  tell(message: string): void;
}

/**
 * Creates a prompter on the terminal: questions on stderr, answers from stdin. A secret answer is
 * not echoed when stdin is a terminal; from a pipe, it is read as one line.
 */
export function createTerminalPrompter(input: NodeJS.ReadStream = process.stdin, output: NodeJS.WritableStream = process.stderr): LoginPrompter {
  const readLine = async (question: string, hidden: boolean): Promise<string> => {
    let muted = false;
    const echo = new Writable({
      write(chunk: Buffer, _encoding, callback): void {
        if (!muted) {
          output.write(chunk);
        }

        callback();
      },
    });
    const readline = createInterface({ input, output: echo, terminal: input.isTTY === true });
    try {
      output.write(question);
      muted = hidden;
      const answer = await readline.question('');
      if (hidden && input.isTTY === true) {
        output.write('\n');
      }

      return answer;
    } finally {
      readline.close();
    }
  };

  return {
    ask: async (question) => (await readLine(`${question}: `, false)).trim(),
    askSecret: (question) => readLine(`${question} (will be hidden): `, true),
    tell: (message) => {
      output.write(`${message}\n`);
    },
  };
}
