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

      profileFindings.set(name, [profileFinding.fail('profile_map.profile', error.message, `edit [profile ${name}] in ${path}`)]);
    }
  }

  return { findings, profileFindings, map, profiles };
}
