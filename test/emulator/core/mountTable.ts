import type { Backend } from './framework/pathSpec';

/** Mounted backends by path, each path ending in `/` (`aws/`, `auth/approle/`, `sys/`). */
export class MountTable {
  private readonly mounts = new Map<string, Backend>();

  mount(path: string, backend: Backend): void {
    this.mounts.set(normalizeMountPath(path), backend);
  }

  get(path: string): Backend | undefined {
    return this.mounts.get(normalizeMountPath(path));
  }

  /** Finds the mount with the longest path that prefixes the request path, as Vault's router does. */
  match(path: string): { mountPath: string; backend: Backend } | undefined {
    let best: { mountPath: string; backend: Backend } | undefined;
    for (const [mountPath, backend] of this.mounts) {
      if (path.startsWith(mountPath) && (best === undefined || mountPath.length > best.mountPath.length)) {
        best = { mountPath, backend };
      }
    }

    return best;
  }
}

/** Strips slashes at both ends and adds the trailing one: ` /aws ` style input becomes `aws/`. */
export function normalizeMountPath(path: string): string {
  const trimmed = path.replace(/^\/+|\/+$/g, '');
  if (trimmed === '') {
    throw new Error('Invalid mount path "": a mount needs a name such as "aws".');
  }

  return `${trimmed}/`;
}
