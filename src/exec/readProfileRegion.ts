import { readFileSync } from 'node:fs';
import { readAwsProfileSetting } from '../aws-config/awsProfileSections';
import { scanIni } from '../ini/scanIni';
import { debug } from '../log';
import { awsConfigPath } from '../profiles/paths';

type Environment = Record<string, string | undefined>;

/** Returns `region` of the profile in the AWS config file, or undefined when the file or the key is missing. */
export function readProfileRegion(profile: string, env: Environment): string | undefined {
  const path = awsConfigPath(env);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    debug(`exec: no region from ${path} (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
    return undefined;
  }

  const region = readAwsProfileSetting(scanIni(text.replace(/^\uFEFF/, '')), profile, 'region');
  return region === '' ? undefined : region;
}
