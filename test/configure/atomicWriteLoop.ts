/**
 * Child process for the crash test: rewrites the file named by argv[2] forever, alternating between
 * two contents of different sizes, and prints "ready" after the first write. The parent kills it
 * with SIGKILL at a random moment.
 */
import { writeFileAtomic } from '../../src/ini/writeFileAtomic';
import { crashTestContents } from './crashTestContents';

async function rewriteForever(target: string): Promise<never> {
  const [first, second] = crashTestContents();
  await writeFileAtomic(target, second);
  process.stdout.write('ready\n');

  for (let round = 0; ; round += 1) {
    await writeFileAtomic(target, round % 2 === 0 ? first : second);
  }
}

const target = process.argv[2];
if (target === undefined) {
  throw new Error('Usage: atomicWriteLoop FILE');
}

void rewriteForever(target);
