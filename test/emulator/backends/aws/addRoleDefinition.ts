import { JsonNumber } from '../../go/parseGoJson';
import { convertFields } from '../../core/framework/runPath';
import { VaultHttpError } from '../../core/vaultHttpError';
import type { VaultFeatures } from '../../core/vaultFeatures';
import type { RoleDefinition } from '../../types';
import type { AwsEngine } from './awsEngine';
import { roleFields, writeRoleEntry } from './writeRoleEntry';
import { NAME_PATTERN } from './createAwsBackend';

const SIMULATION_FIELDS = new Set(['maxSessionDuration', 'awsError', 'mfaCode']);

/**
 * Writes a role as `POST <mount>/roles/<name>` would and stores the simulated AWS settings next
 * to it. Throws an Error with Vault's message for invalid data, and for fields that the emulated
 * Vault version does not have (the API would ignore them silently).
 */
export function addRoleDefinition(engine: AwsEngine, name: string, definition: Partial<RoleDefinition>, features: VaultFeatures): void {
  if (!new RegExp(`^${NAME_PATTERN}$`).test(name)) {
    throw new Error(`Invalid role name ${JSON.stringify(name)}: Vault role names are word characters with -, . or @ inside.`);
  }

  const maxSessionDuration = definition.maxSessionDuration;
  if (maxSessionDuration !== undefined && !(Number.isInteger(maxSessionDuration) && maxSessionDuration >= 3600 && maxSessionDuration <= 43_200)) {
    throw new Error(`Invalid maxSessionDuration ${maxSessionDuration}: IAM allows whole seconds from 3600 to 43200.`);
  }

  const schema = roleFields(features);
  const raw: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(definition)) {
    if (SIMULATION_FIELDS.has(field) || value === undefined) {
      continue;
    }

    if (schema[field] === undefined) {
      throw new Error(`Invalid role field ${JSON.stringify(field)}: Vault ${features.version} has no such role parameter.`);
    }

    raw[field] = typeof value === 'number' ? new JsonNumber(String(value)) : value;
  }

  try {
    const fields = convertFields({ fields: schema }, raw);
    const { role } = writeRoleEntry(engine.roles.get(name), fields, features);
    engine.roles.set(name, role);
  } catch (error) {
    if (error instanceof VaultHttpError) {
      throw new Error(`Invalid role ${JSON.stringify(name)}: ${error.errors.join('; ')}`);
    }

    throw error;
  }

  engine.simulations.set(name, {
    ...(definition.maxSessionDuration === undefined ? {} : { maxSessionDuration: definition.maxSessionDuration }),
    ...(definition.awsError === undefined ? {} : { awsError: definition.awsError }),
    ...(definition.mfaCode === undefined ? {} : { mfaCode: definition.mfaCode }),
  });
}
