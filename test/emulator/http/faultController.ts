import type { Faults } from '../types';

/** The faults that apply to one request. */
export interface FaultDecision {
  latencyMs: number;
  hang: boolean;
  dropConnection: boolean;
  truncateBody: boolean;
  stallBody: boolean;
  htmlStatus: number | undefined;
  status: Faults['status'];
}

const NO_FAULTS: FaultDecision = {
  latencyMs: 0,
  hang: false,
  dropConnection: false,
  truncateBody: false,
  stallBody: false,
  htmlStatus: undefined,
  status: undefined,
};

/** Holds the configured faults and decides, request by request, which apply. */
export class FaultController {
  private faults: Faults | undefined;
  private remaining: number | undefined;

  set(faults: Faults): void {
    if (faults.htmlStatus !== undefined && (faults.htmlStatus < 100 || faults.htmlStatus > 999)) {
      throw new RangeError(`Invalid htmlStatus ${faults.htmlStatus}: expected an HTTP status from 100 to 999.`);
    }

    if (faults.status !== undefined && (faults.status.code < 100 || faults.status.code > 999)) {
      throw new RangeError(`Invalid status.code ${faults.status.code}: expected an HTTP status from 100 to 999.`);
    }

    this.faults = { ...faults };
    this.remaining = faults.failTimes;
  }

  clear(): void {
    this.faults = undefined;
    this.remaining = undefined;
  }

  /** Decides the faults for a request path; each failing request spends one of `failTimes`. */
  decide(path: string): FaultDecision {
    const faults = this.faults;
    if (faults === undefined || (faults.pathPrefix !== undefined && !path.startsWith(faults.pathPrefix))) {
      return NO_FAULTS;
    }

    const latencyMs = faults.latencyMs ?? 0;
    const failing = faults.hang === true || faults.dropConnection === true || faults.truncateBody === true || faults.stallBody === true || faults.htmlStatus !== undefined || faults.status !== undefined;
    if (!failing || (this.remaining !== undefined && this.remaining <= 0)) {
      return { ...NO_FAULTS, latencyMs };
    }

    if (this.remaining !== undefined) {
      this.remaining -= 1;
    }

    return {
      latencyMs,
      hang: faults.hang === true,
      dropConnection: faults.dropConnection === true,
      truncateBody: faults.truncateBody === true,
      stallBody: faults.stallBody === true,
      htmlStatus: faults.htmlStatus,
      status: faults.status,
    };
  }
}
