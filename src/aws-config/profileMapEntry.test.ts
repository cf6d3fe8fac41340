import { describe, expect, it } from 'vitest';

import { scanIni } from '../ini/scanIni';
import { readProfileMapEntry } from './profileMapSections';
import { removeProfileMapEntry } from './removeProfileMapEntry';
import { setProfileMapEntry } from './setProfileMapEntry';

const existing = [
  '# vault-aws profiles',
  '[vault]',
  'addr = https://vault.example.com:8200 # shared',
  '',
  '[profile dev]',
  'vault_role = dev',
  '; the prod role needs an ARN',
  'role_arn = arn:aws:iam::123456789012:role/Dev',
  '',
  '[profile prod]',
  'vault_role   =   prod',
  '',
].join('\n');

describe('setProfileMapEntry', () => {
  it('creates a file with only the given non-default keys', () => {
    expect(setProfileMapEntry('', 'dev', { vaultRole: 'dev', vaultMount: 'aws', ttl: '3600' })).toBe('[profile dev]\nvault_role = dev\n');
  });

  it('appends a section after the other sections', () => {
    const text = setProfileMapEntry(existing, 'team.qa', { vaultRole: 'qa', vaultMount: 'aws-qa', ttl: '2h' });
    expect(text).toBe(`${existing.slice(0, -1)}\n\n[profile team.qa]\nvault_role = qa\nvault_mount = aws-qa\nttl = 2h\n`);
  });

  it('updates a key in place and keeps its spacing', () => {
    const text = setProfileMapEntry(existing, 'prod', { vaultRole: 'prod-admin' });
    expect(text).toBe(existing.replace('vault_role   =   prod', 'vault_role   =   prod-admin'));
  });

  it('adds a key after the last key of the section', () => {
    const text = setProfileMapEntry(existing, 'dev', { ttl: '8h' });
    expect(text).toBe(existing.replace('role/Dev\n', 'role/Dev\nttl = 8h\n'));
  });

  it('removes an emptied key and a default value', () => {
    const withMount = setProfileMapEntry(existing, 'dev', { vaultMount: 'aws-dev' });
    expect(setProfileMapEntry(withMount, 'dev', { roleArn: '', vaultMount: 'aws' })).toBe(existing.replace('role_arn = arn:aws:iam::123456789012:role/Dev\n', ''));
  });

  it('leaves the file unchanged when the values are already there', () => {
    expect(setProfileMapEntry(existing, 'dev', { vaultRole: 'dev', roleArn: 'arn:aws:iam::123456789012:role/Dev' })).toBe(existing);
  });
});

describe('removeProfileMapEntry', () => {
  it('removes the section and its separator', () => {
    const result = removeProfileMapEntry(existing, 'dev');
    expect(result.text).toBe(['# vault-aws profiles', '[vault]', 'addr = https://vault.example.com:8200 # shared', '', '[profile prod]', 'vault_role   =   prod', ''].join('\n'));
    expect(result.removed).toBe(true);
  });

  it('gives back the original after adding a profile', () => {
    const added = setProfileMapEntry(existing, 'qa', { vaultRole: 'qa' });
    expect(removeProfileMapEntry(added, 'qa').text).toBe(existing);
  });

  it('removes a first section without leaving a blank first line', () => {
    expect(removeProfileMapEntry('[profile a]\nvault_role = a\n\n[profile b]\nvault_role = b\n', 'a').text).toBe('[profile b]\nvault_role = b\n');
  });

  it('reports a profile that is not there', () => {
    expect(removeProfileMapEntry(existing, 'missing')).toEqual({ text: existing, removed: false });
  });
});

describe('readProfileMapEntry', () => {
  it('reads the known keys of the profile', () => {
    expect(readProfileMapEntry(scanIni(existing), 'dev')).toEqual({ vaultRole: 'dev', roleArn: 'arn:aws:iam::123456789012:role/Dev' });
  });
});
