import { randomBase62, randomUuid } from '../randomValues';

/** One token of the emulated token store. */
export interface TokenEntry {
  id: string;
  accessor: string;
  /** Sorted policy names; `root` marks a root token. */
  policies: string[];
  /** A per-token policy: path pattern to capabilities. */
  inlineRules: Record<string, string[]> | undefined;
  path: string;
  displayName: string;
  meta: Record<string, string> | null;
  /** Uses left; 0 means unlimited. */
  numUses: number;
  creationTimeMs: number;
  creationTtlSeconds: number;
  /** `null` for tokens without expiry, such as the root token. */
  expireTimeMs: number | null;
  orphan: boolean;
  entityId: string;
  renewable: boolean;
  /** For response-wrapping tokens: the body that unwrapping returns. */
  wrappedBody?: string;
}

export type NewToken = Partial<TokenEntry> & Pick<TokenEntry, 'id'>;

/** The emulated token store; `now` is the Vault clock in milliseconds. */
export class TokenStore {
  private readonly entries = new Map<string, TokenEntry>();

  constructor(private readonly now: () => number) {}

  add(token: NewToken): TokenEntry {
    const policies = [...new Set(token.policies ?? ['default'])].sort();
    const entry: TokenEntry = {
      accessor: randomBase62(),
      inlineRules: undefined,
      path: 'auth/token/create',
      displayName: 'token',
      meta: null,
      numUses: 0,
      creationTimeMs: this.now(),
      creationTtlSeconds: 0,
      expireTimeMs: null,
      orphan: false,
      entityId: '',
      renewable: true,
      ...token,
      policies,
    };
    this.entries.set(entry.id, entry);
    return entry;
  }

  /** Returns the token if it exists and has not expired; expired tokens are removed like Vault's expiration manager does. */
  find(id: string): TokenEntry | undefined {
    const entry = this.entries.get(id);
    if (entry === undefined) {
      return undefined;
    }

    if (entry.expireTimeMs !== null && entry.expireTimeMs <= this.now()) {
      this.entries.delete(id);
      return undefined;
    }

    return entry;
  }

  /** Spends one use of a use-limited token and revokes it after its last use. */
  use(entry: TokenEntry): void {
    if (entry.numUses === 0) {
      return;
    }

    entry.numUses -= 1;
    if (entry.numUses === 0) {
      this.entries.delete(entry.id);
    }
  }

  revoke(id: string): void {
    this.entries.delete(id);
  }
}

export function isRootToken(entry: TokenEntry): boolean {
  return entry.policies.includes('root');
}

/** Builds the options for a token issued by a login or by `addToken`. */
export function tokenLifetime(now: number, ttlSeconds: number, expired = false): Pick<TokenEntry, 'creationTimeMs' | 'creationTtlSeconds' | 'expireTimeMs'> {
  if (expired) {
    return { creationTimeMs: now - (ttlSeconds + 60) * 1000, creationTtlSeconds: ttlSeconds, expireTimeMs: now - 60_000 };
  }

  return { creationTimeMs: now, creationTtlSeconds: ttlSeconds, expireTimeMs: ttlSeconds === 0 ? null : now + ttlSeconds * 1000 };
}

export function newEntityId(): string {
  return randomUuid();
}
