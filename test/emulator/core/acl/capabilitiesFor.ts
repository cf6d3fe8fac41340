import type { TokenEntry } from '../tokens/tokenStore';
import { isRootToken } from '../tokens/tokenStore';
import type { PolicyRules, PolicyStore } from './policyStore';

/**
 * Returns the sorted capabilities a token has on a path: `["root"]` for root tokens and `["deny"]`
 * when nothing is granted. Rules with the same pattern merge across policies; an exact pattern
 * beats any glob, and among globs Vault's documented priority rules pick one.
 */
export function capabilitiesFor(token: TokenEntry, path: string, policies: PolicyStore): string[] {
  if (isRootToken(token)) {
    return ['root'];
  }

  const merged = mergeRules(token, policies);
  const exact = merged.get(path);
  const chosen = exact ?? bestGlobMatch(merged, path);
  if (chosen === undefined || chosen.size === 0 || chosen.has('deny')) {
    return ['deny'];
  }

  return [...chosen].sort();
}

const CAPABILITY_OF_OPERATION: Record<string, string> = {
  read: 'read',
  update: 'update',
  create: 'create',
  delete: 'delete',
  list: 'list',
  patch: 'patch',
};

/** Checks whether the capabilities allow an operation; `help` needs any capability. */
export function allowsOperation(capabilities: readonly string[], operation: string): boolean {
  if (capabilities.includes('root')) {
    return true;
  }

  if (capabilities.includes('deny')) {
    return false;
  }

  if (operation === 'help') {
    return capabilities.length > 0;
  }

  const needed = CAPABILITY_OF_OPERATION[operation];
  return needed !== undefined && capabilities.includes(needed);
}

function mergeRules(token: TokenEntry, policies: PolicyStore): Map<string, Set<string>> {
  const sources: PolicyRules[] = [];
  for (const name of token.policies) {
    const rules = policies.get(name);
    if (rules !== undefined) {
      sources.push(rules);
    }
  }

  if (token.inlineRules !== undefined) {
    sources.push(token.inlineRules);
  }

  const merged = new Map<string, Set<string>>();
  for (const rules of sources) {
    for (const [pattern, capabilities] of Object.entries(rules)) {
      const set = merged.get(pattern) ?? new Set<string>();
      capabilities.forEach((capability) => set.add(capability));
      merged.set(pattern, set);
    }
  }

  return merged;
}

function bestGlobMatch(rules: Map<string, Set<string>>, path: string): Set<string> | undefined {
  const matching = [...rules.keys()].filter((pattern) => isGlob(pattern) && matchesPattern(pattern, path));
  if (matching.length === 0) {
    return undefined;
  }

  matching.sort(comparePriority);
  return rules.get(matching[matching.length - 1] ?? '');
}

function isGlob(pattern: string): boolean {
  return pattern.endsWith('*') || pattern.includes('+');
}

export function matchesPattern(pattern: string, path: string): boolean {
  const glob = pattern.endsWith('*');
  const body = glob ? pattern.slice(0, -1) : pattern;
  if (!body.includes('+')) {
    return glob ? path.startsWith(body) : path === body;
  }

  const patternSegments = body.split('/');
  const pathSegments = path.split('/');
  if (glob ? pathSegments.length < patternSegments.length : pathSegments.length !== patternSegments.length) {
    return false;
  }

  return patternSegments.every((segment, index) => {
    const actual = pathSegments[index] ?? '';
    if (segment === '+') {
      return actual !== '';
    }

    const isLast = index === patternSegments.length - 1;
    return glob && isLast ? actual.startsWith(segment) : actual === segment;
  });
}

/** Sorts lower priority first, following the ordering rules in Vault's policy documentation. */
function comparePriority(left: string, right: string): number {
  const firstWildcard = (pattern: string): number => {
    const positions = [pattern.indexOf('+'), pattern.indexOf('*')].filter((position) => position >= 0);
    return positions.length === 0 ? pattern.length : Math.min(...positions);
  };

  const wildcardOrder = firstWildcard(left) - firstWildcard(right);
  if (wildcardOrder !== 0) {
    return wildcardOrder;
  }

  const leftGlob = left.endsWith('*');
  const rightGlob = right.endsWith('*');
  if (leftGlob !== rightGlob) {
    return leftGlob ? -1 : 1;
  }

  const plusCount = (pattern: string): number => pattern.split('/').filter((segment) => segment === '+').length;
  const plusOrder = plusCount(right) - plusCount(left);
  if (plusOrder !== 0) {
    return plusOrder;
  }

  if (left.length !== right.length) {
    return left.length - right.length;
  }

  return left < right ? -1 : 1;
}
