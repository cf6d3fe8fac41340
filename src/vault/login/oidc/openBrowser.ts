import { spawn } from 'node:child_process';

type Environment = Record<string, string | undefined>;

/**
 * Opens a URL in the browser without a shell: the command in `BROWSER` if set, else `open` on
 * macOS, the URL handler of `rundll32` on Windows and `xdg-open` elsewhere. Resolves once the
 * command has started; rejects when it cannot be started.
 */
export function openBrowser(url: string, env: Environment): Promise<void> {
  const browser = env['BROWSER'];
  const [command, args] =
    browser !== undefined && browser !== ''
      ? [browser, [url]]
      : process.platform === 'darwin'
        ? ['open', [url]]
        : process.platform === 'win32'
          ? ['rundll32', ['url.dll,FileProtocolHandler', url]]
          : ['xdg-open', [url]];

  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: 'ignore', detached: true, env: env as NodeJS.ProcessEnv });
    child.once('error', reject);
    child.once('spawn', () => {
      child.unref();
      resolve();
    });
  });
}
