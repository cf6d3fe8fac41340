import { spawn } from 'node:child_process';
import { debug } from '../log';

export interface ChildExit {
  /** The exit code, or null when a signal ended the command. */
  code: number | null;
  signal: NodeJS.Signals | null;
}

/**
 * Signals passed on to the command. SIGTSTP and SIGCONT keep their default, so job control works
 * as before. Windows has only the console's Ctrl-C and Ctrl-Break.
 */
const FORWARDED_SIGNALS: NodeJS.Signals[] = process.platform === 'win32' ? ['SIGINT', 'SIGBREAK'] : ['SIGINT', 'SIGQUIT', 'SIGTERM', 'SIGHUP', 'SIGUSR1', 'SIGUSR2'];

/** Signals that a terminal sends to its whole foreground process group, and a Windows console to every process attached to it. */
const TERMINAL_SIGNALS = new Set<NodeJS.Signals>(['SIGINT', 'SIGQUIT', 'SIGBREAK']);

export interface RunChildOptions {
  command: string;
  args: string[];
  env: Record<string, string>;
  /** Whether this process is in the terminal's foreground process group; see isForegroundProcessGroup. */
  isForeground: () => boolean;
}

/**
 * Runs a command without a shell, with this process's stdin, stdout and stderr, and waits for it.
 * Signals sent to this process are passed on, except SIGINT and SIGQUIT from the terminal, which
 * the command has already received: programs such as terraform stop at once on a second Ctrl-C.
 * Rejects with the spawn error when the command cannot be started.
 */
export function runChild(options: RunChildOptions): Promise<ChildExit> {
  return new Promise((resolve, reject) => {
    const child = spawn(options.command, options.args, { env: options.env, stdio: 'inherit', windowsHide: false });

    const forward = (signal: NodeJS.Signals): void => {
      if (TERMINAL_SIGNALS.has(signal) && options.isForeground()) {
        debug(`exec: ${signal} came from the terminal, which also sent it to the command`);
        return;
      }

      debug(`exec: passing ${signal} on to process ${child.pid ?? 'unknown'}`);
      child.kill(signal);
    };

    const handlers = FORWARDED_SIGNALS.map((signal) => {
      const handler = (): void => forward(signal);
      process.on(signal, handler);
      return { signal, handler };
    });

    const stopForwarding = (): void => {
      for (const { signal, handler } of handlers) {
        process.removeListener(signal, handler);
      }
    };

    child.once('error', (error) => {
      stopForwarding();
      reject(error);
    });

    child.once('exit', (code, signal) => {
      stopForwarding();
      resolve({ code, signal });
    });
  });
}
