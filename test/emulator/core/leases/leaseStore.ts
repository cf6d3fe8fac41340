/** A lease Vault keeps for a secret. */
export interface Lease {
  id: string;
  issueTimeMs: number;
  expireTimeMs: number;
  lastRenewalTimeMs: number | null;
  renewable: boolean;
  /** Seconds a renewal grants (the iam_user lease setting); 0 means the mount default. */
  renewSeconds: number;
  /** Latest expiry renewals may reach. */
  maxExpireTimeMs: number;
}

export class LeaseStore {
  private readonly leases = new Map<string, Lease>();

  add(lease: Lease): void {
    this.leases.set(lease.id, lease);
  }

  get(id: string): Lease | undefined {
    return this.leases.get(id);
  }

  /** Removes the lease; an unknown ID is not an error, as in Vault. */
  revoke(id: string): void {
    this.leases.delete(id);
  }
}
