import { isVaultAwsError } from '../errors';
import { stripFinalPeriod } from './checkVaultRole';
import type { ConfigureValues } from './configureValues';
import { DEFAULT_VAULT_MOUNT } from './configureValues';
import type { Prompter } from './prompter';
import { validateConfigureValues } from './validateConfigureValues';
import type { VaultRoleSource } from './vaultRoleSource';

export interface PromptContext {
  prompter: Prompter;
  /** Values already in the files, offered as defaults. */
  current: ConfigureValues;
  vaultRoles: VaultRoleSource | undefined;
  stderr: { write(text: string): unknown };
}

/**
 * Asks for the values not flagValues on the command line. A full walk-through asks for the Vault mount
 * and role (offering the roles Vault lists), the IAM role ARN and the region. Otherwise only a
 * Vault role with several ARNs is asked about, because Vault then requires one.
 */
export async function promptConfigureValues(flagValues: ConfigureValues, context: PromptContext, walkThrough: boolean): Promise<ConfigureValues> {
  const { current } = context;
  const values: ConfigureValues = { ...flagValues };

  let mount = flagValues.vaultMount ?? current.vaultMount ?? DEFAULT_VAULT_MOUNT;
  if (flagValues.vaultMount === undefined && walkThrough) {
    mount = await askChoice(context, 'vaultMount', 'Vault AWS secrets engine mount', { choices: [], strict: false }, mount, true);
    values.vaultMount = mount;
  }

  if (flagValues.vaultRole === undefined && walkThrough) {
    const roles = await tryVault(context, `list the roles of ${mount}`, (source) => source.listRoles(mount));
    const offered = { choices: roles ?? [], strict: roles !== undefined && roles.length > 0, where: `${mount}/` };
    values.vaultRole = await askChoice(context, 'vaultRole', 'Vault role', offered, current.vaultRole, true);
  }

  if (flagValues.roleArn === undefined) {
    const role = values.vaultRole ?? current.vaultRole ?? '';
    const arns = await tryVault(context, `read the Vault role ${mount}/roles/${role}`, (source) => source.readRoleArns(mount, role));
    const mustChoose = arns !== undefined && arns.length > 1 && !(current.roleArn !== undefined && arns.includes(current.roleArn));
    if (mustChoose || (walkThrough && (arns === undefined || arns.length > 1))) {
      const question = arns === undefined ? 'IAM role ARN (empty when the Vault role has a single ARN)' : 'IAM role ARN';
      const offered = { choices: arns ?? [], strict: arns !== undefined && arns.length > 0, where: `the Vault role ${mount}/roles/${role}`, noun: 'ARN' };
      setIfAnswered(values, 'roleArn', await askChoice(context, 'roleArn', question, offered, current.roleArn, arns !== undefined));
    }
  }

  if (flagValues.region === undefined && walkThrough) {
    setIfAnswered(values, 'region', await askChoice(context, 'region', 'AWS region (empty for none)', { choices: [], strict: false }, current.region, false));
  }

  return values;
}

function setIfAnswered(values: ConfigureValues, field: keyof ConfigureValues, answer: string): void {
  if (answer !== '') {
    values[field] = answer;
  }
}

/** Values to offer: from Vault, where `strict` accepts only those, since Vault would reject any other. */
interface Offered {
  choices: readonly string[];
  strict: boolean;
  /** The source of the choices, for the message about an answer outside them. */
  where?: string;
  /** The kind of value typed instead of a number: "name" unless given. */
  noun?: string;
}

/**
 * Lists the offered choices with numbers and asks until the answer, a number from the list or a
 * value typed in full, passes validation. An empty answer is accepted unless `required`.
 */
async function askChoice(context: PromptContext, field: keyof ConfigureValues, question: string, offered: Offered, defaultValue: string | undefined, required: boolean): Promise<string> {
  const { choices } = offered;
  if (choices.length > 0) {
    context.stderr.write(choices.map((choice, position) => `  ${position + 1}) ${choice}\n`).join(''));
  }

  const fullQuestion = choices.length > 0 ? `${question} (number or ${offered.noun ?? 'name'})` : question;
  for (;;) {
    const typed = await context.prompter.ask(fullQuestion, defaultValue);
    const answer = /^\d+$/.test(typed) && choices[Number(typed) - 1] !== undefined ? (choices[Number(typed) - 1] ?? typed) : typed;

    if (answer === '') {
      if (!required) {
        return answer;
      }

      context.stderr.write('A value is required.\n');
      continue;
    }

    if (offered.strict && !choices.includes(answer)) {
      context.stderr.write(`"${answer}" is not in ${offered.where ?? 'the list'}; type a number from 1 to ${choices.length} or one of: ${choices.join(', ')}.\n`);
      continue;
    }

    try {
      validateConfigureValues({ [field]: answer });
      return answer;
    } catch (error) {
      if (!isVaultAwsError(error)) {
        throw error;
      }

      context.stderr.write(`${error.message}\n`);
    }
  }
}

/** Calls Vault when a role source is available. A failure is reported and returns `undefined`, so the caller asks for free text. */
async function tryVault<T>(context: PromptContext, action: string, call: (source: VaultRoleSource) => Promise<T>): Promise<T | undefined> {
  if (context.vaultRoles === undefined) {
    return undefined;
  }

  try {
    return await call(context.vaultRoles);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    context.stderr.write(`Could not ${action}: ${stripFinalPeriod(reason)}. Type the value instead.\n`);
    return undefined;
  }
}
