import { createInterface, type Interface } from 'node:readline';
import { Writable } from 'node:stream';
import { UsageError } from '../../errors';

/** Questions and notices for the person logging in; tests pass a scripted implementation. */
export interface LoginPrompter {
  ask(question: string): Promise<string>;
  /** Asks without echoing the input, for passwords. */
  askSecret(question: string): Promise<string>;
  tell(message: string): void;
  /** Stops reading the terminal, so that the process can exit. */
  close(): void;
}

/**
 * Creates a prompter on the terminal: questions on stderr, input from stdin, one line per question.
 * Secret input is not echoed. Lines are buffered, so input piped in ahead of the questions is not
 * lost. Stdin is opened at the first question only.
 */
export function createTerminalPrompter(input: NodeJS.ReadStream = process.stdin, output: NodeJS.WritableStream = process.stderr): LoginPrompter {
  let muted = false;
  let readline: Interface | undefined;
  let lines: AsyncIterator<string> | undefined;

  const readLine = async (question: string, hidden: boolean): Promise<string> => {
    if (readline === undefined) {
      const echo = new Writable({
        write(chunk: Buffer, _encoding, callback): void {
          if (!muted) {
            output.write(chunk);
          }

          callback();
        },
      });
      readline = createInterface({ input, output: echo, terminal: input.isTTY === true });
      lines = readline[Symbol.asyncIterator]();
    }

    output.write(question);
    muted = hidden;
    try {
      const next = await (lines as AsyncIterator<string>).next();
      if (next.done === true) {
        throw new UsageError('standard input ended before the question was answered');
      }

      return next.value;
    } finally {
      muted = false;
      if (hidden) {
        output.write('\n');
      }
    }
  };

  return {
    ask: async (question) => (await readLine(`${question}: `, false)).trim(),
    askSecret: (question) => readLine(`${question} (will be hidden): `, true),
    tell: (message) => {
      output.write(`${message}\n`);
    },
    close: () => {
      readline?.close();
    },
  };
}
