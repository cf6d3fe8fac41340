import { readTextFile } from '../ini/readTextFile';
import type { ConfigureFiles } from './planConfigure';

export interface ConfigurePaths {
  profileMap: string;
  awsConfig: string;
  awsCredentials: string;
}

/** Reads the three files configure looks at; a missing file reads as `undefined`. */
export async function readConfigureFiles(paths: ConfigurePaths): Promise<ConfigureFiles> {
  const [profileMap, awsConfig, awsCredentials] = await Promise.all([
    readTextFile(paths.profileMap),
    readTextFile(paths.awsConfig),
    readTextFile(paths.awsCredentials),
  ]);

  return {
    profileMap: { path: paths.profileMap, text: profileMap },
    awsConfig: { path: paths.awsConfig, text: awsConfig },
    awsCredentials: { path: paths.awsCredentials, text: awsCredentials },
  };
}
