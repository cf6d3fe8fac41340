import { applyIniEdits, createIniEdits, detectLineEnding, hasIniEdits } from '../ini/applyIniEdits';
import { findKeyLines } from '../ini/findIniSections';
import { scanIni } from '../ini/scanIni';
import { removeSectionHeader, sectionKeepsContent } from '../ini/sectionEdits';
import { findAwsConfigProfileSections } from './awsProfileSections';
import { checkClientAgreement } from './checkClientAgreement';
import { findManagedMarker, MANAGED_KEY } from './managedMarker';

export interface AwsProfileRemoval {
  text: string;
  /** The keys removed, empty when configure had written nothing for the profile. */
  removedKeys: string[];
  /** What already makes a client reject or misread the file, one sentence each. */
  warnings: string[];
}

/**
 * Removes what configure wrote for `profile` from the AWS config file: the keys its marker lists,
 * the marker, and the section header when configure created the section and nothing else is left
 * in it. Keys that configure only changed stay.
 *
 * @throws ConfigError when the AWS SDK for JavaScript and botocore read the profile's lines differently.
 */
export function removeAwsProfile(text: string, profile: string, file: string): AwsProfileRemoval {
  const lines = scanIni(text);
  const { warnings } = checkClientAgreement(text, lines, profile, file);
  const edits = createIniEdits();
  const removedKeys: string[] = [];

  for (const range of findAwsConfigProfileSections(lines, profile)) {
    const found = findManagedMarker(lines, range);
    if (found === undefined) {
      continue;
    }

    for (const key of [...found.marker.keys, MANAGED_KEY]) {
      const indices = findKeyLines(lines, range, key);
      indices.forEach((index) => edits.remove.add(index));
      if (indices.length > 0 && key !== MANAGED_KEY) {
        removedKeys.push(key);
      }
    }

    if (found.marker.createdSection && !sectionKeepsContent(lines, edits, range)) {
      removeSectionHeader(lines, edits, range);
    }
  }

  return { text: hasIniEdits(edits) ? applyIniEdits(lines, edits, detectLineEnding(lines)) : text, removedKeys, warnings };
}
