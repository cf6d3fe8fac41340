import { ConfigError } from '../errors';
import { formatDuration } from '../profiles/duration';
import { readProfileMap, type ProfileMap } from '../profiles/readProfileMap';
import { resolveProfile, type ResolvedProfile } from '../profiles/resolveProfile';
import { findingsFor, type Finding } from './finding';

type Environment = Record<string, string | undefined>;

export interface ProfileMapResult {
  /** Findings about the file as a whole. */
  findings: Finding[];
  /** Findings about each selected profile, by profile name. */
  profileFindings: Map<string, Finding[]>;
  map: ProfileMap | undefined;
  /** The selected profiles that resolved without errors. */
  profiles: ResolvedProfile[];
}

/**
 * Reads the profile map and reports every error and warning in it with its line, then resolves the
 * selected profile, or every profile when `selected` is undefined.
 */
export function checkProfileMap(path: string, selected: string | undefined, env: Environment): ProfileMapResult {
  const finding = findingsFor(path);

  let map: ProfileMap;
  try {
    map = readProfileMap(path);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const fix = 'create it with "vault-aws configure --profile NAME --vault-role ROLE"';
    return { findings: [finding.fail('profile_map.file', message, fix)], profileFindings: new Map(), map: undefined, profiles: [] };
  }

  const names = [...map.profiles.keys()].filter((name) => name !== '');
  const findings = [finding.pass('profile_map.file', names.length === 0 ? 'no profiles' : `${names.length} profile${names.length === 1 ? '' : 's'}: ${names.join(', ')}`)];

  for (const problem of map.problems) {
    const found = `line ${problem.lineNumber}: ${problem.message}`;
    const fix = `edit line ${problem.lineNumber} of ${path}`;
    findings.push(problem.severity === 'error' ? finding.fail('profile_map.line', found, fix) : finding.warn('profile_map.line', found, fix));
  }

  const profiles: ResolvedProfile[] = [];
  const profileFindings = new Map<string, Finding[]>();
  for (const name of selected === undefined ? names : [selected]) {
    const profileFinding = findingsFor(`profile ${name}`);
    try {
      const profile = resolveProfile(map, name, env);
      profiles.push(profile);
      const arn = profile.roleArn === undefined ? '' : `, role_arn ${profile.roleArn}`;
      const found = `Vault role ${profile.role} at ${profile.mount}/ on ${profile.address}${arn}, ttl ${formatDuration(profile.ttlSeconds)}`;
      profileFindings.set(name, [profileFinding.pass('profile_map.profile', found)]);
    } catch (error) {
      if (!(error instanceof ConfigError)) {
        throw error;
      }

      profileFindings.set(name, [describeUnresolvedProfile(map, name, error)]);
    }
  }

  return { findings, profileFindings, map, profiles };
}

/** Reports a profile that did not resolve: missing from the map, which configure fixes, or with an invalid setting. */
function describeUnresolvedProfile(map: ProfileMap, name: string, error: ConfigError): Finding {
  const finding = findingsFor(`profile ${name}`);
  if (!map.profiles.has(name)) {
    const known = [...map.profiles.keys()].filter((profile) => profile !== '');
    const found = `the profile map has no [profile ${name}] (${known.length === 0 ? 'it has no profiles' : `it has: ${known.join(', ')}`})`;
    return finding.fail('profile_map.profile', found, `run "vault-aws configure --profile ${name} --vault-role ROLE"`);
  }

  return finding.fail('profile_map.profile', error.message, `edit [profile ${name}] in ${map.path}`);
}
