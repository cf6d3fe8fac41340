/** An ACL policy: path pattern (exact, `*` suffix glob or `+` segment wildcard) to capabilities. */
export type PolicyRules = Readonly<Record<string, readonly string[]>>;

/** The parts of Vault's built-in `default` policy that concern the emulated paths. */
const DEFAULT_POLICY: PolicyRules = {
  'auth/token/lookup-self': ['read'],
  'auth/token/renew-self': ['update'],
  'auth/token/revoke-self': ['update'],
  'sys/capabilities-self': ['update'],
  'sys/leases/renew': ['update'],
  'sys/leases/lookup': ['update'],
  'sys/renew': ['update'],
  'sys/wrapping/wrap': ['update'],
  'sys/wrapping/lookup': ['update'],
  'sys/wrapping/unwrap': ['update'],
  'cubbyhole/*': ['create', 'read', 'update', 'delete', 'list'],
};

/** Vault's built-in policy of response-wrapping tokens. */
const RESPONSE_WRAPPING_POLICY: PolicyRules = {
  'cubbyhole/response': ['create', 'read'],
  'sys/wrapping/unwrap': ['update'],
  'sys/wrapping/lookup': ['update'],
};

export class PolicyStore {
  private readonly policies = new Map<string, PolicyRules>([
    ['default', DEFAULT_POLICY],
    ['response-wrapping', RESPONSE_WRAPPING_POLICY],
  ]);

  set(name: string, rules: PolicyRules): void {
    if (name === 'root') {
      throw new Error('Cannot define the policy "root": it is built in and grants everything.');
    }

    this.policies.set(name, rules);
  }

  get(name: string): PolicyRules | undefined {
    return this.policies.get(name);
  }
}
