import { encodeGoJson, type GoValue } from '../go/marshalGoJson';
import { parseGoBool } from '../core/framework/convertField';
import type { EmulatorContext } from '../core/emulatorContext';
import { errorReply, type Reply } from './reply';

const DEFAULT_CODES = {
  activecode: 200,
  uninitcode: 501,
  removedcode: 530,
  sealedcode: 503,
  haunhealthycode: 474,
  drsecondarycode: 472,
  performancestandbycode: 473,
  standbycode: 429,
};

type CodeName = keyof typeof DEFAULT_CODES;

/**
 * `GET|HEAD sys/health`: unauthenticated and never redirected. The status is the first of
 * uninitialised, removed, sealed, HA unhealthy, DR secondary, performance standby, standby and
 * active that applies, each overridable by its query parameter.
 */
export function handleHealth(context: EmulatorContext, method: string, query: URLSearchParams): Reply {
  if (method !== 'GET' && method !== 'HEAD') {
    return errorReply(405, []);
  }

  const codes = { ...DEFAULT_CODES };
  for (const name of Object.keys(DEFAULT_CODES) as CodeName[]) {
    const values = query.getAll(name);
    if (values.length > 0) {
      const text = values[0] ?? '';
      if (!/^[+-]?\d+$/.test(text)) {
        return errorReply(400, []);
      }

      codes[name] = Number(text);
    }
  }

  const standbyOk = readBool(query, 'standbyok');
  const perfStandbyOk = readBool(query, 'perfstandbyok');
  if (standbyOk === undefined || perfStandbyOk === undefined) {
    return errorReply(400, []);
  }

  const status = pickStatus(context, codes, standbyOk, perfStandbyOk);
  // Go's net/http panics on a status outside 100-999, and the server then drops the connection.
  if (status < 100 || status > 999) {
    return { status, headers: {}, body: '', dropConnection: true };
  }

  return { status, headers: {}, body: encodeGoJson(healthBody(context)) };
}

/** Vault reads these with a weak decode: absent or empty is false, otherwise Go's `ParseBool`. */
function readBool(query: URLSearchParams, name: string): boolean | undefined {
  const value = query.get(name);
  if (value === null || value === '') {
    return false;
  }

  return parseGoBool(value);
}

function pickStatus(context: EmulatorContext, codes: typeof DEFAULT_CODES, standbyOk: boolean, perfStandbyOk: boolean): number {
  const state = context.state;
  if (!state.initialized) {
    return codes.uninitcode;
  }

  if (state.removedFromCluster) {
    return codes.removedcode;
  }

  if (state.sealed) {
    return codes.sealedcode;
  }

  if (state.haUnhealthy) {
    return codes.haunhealthycode;
  }

  if (state.drSecondary) {
    return codes.drsecondarycode;
  }

  if (state.perfStandby) {
    return perfStandbyOk ? codes.activecode : codes.performancestandbycode;
  }

  if (state.standby) {
    return standbyOk ? codes.activecode : codes.standbycode;
  }

  return codes.activecode;
}

/** Vault's `HealthResponse` in field order; empty `omitempty` fields are left out. */
function healthBody(context: EmulatorContext): GoValue {
  const state = context.state;
  const unsealed = state.initialized && !state.sealed;
  const standby = !unsealed || state.standby || state.perfStandby;
  return {
    initialized: state.initialized,
    sealed: state.sealed || !state.initialized,
    standby,
    performance_standby: state.perfStandby,
    replication_performance_mode: 'disabled',
    replication_dr_mode: state.drSecondary ? 'secondary' : 'disabled',
    server_time_utc: Math.floor(context.vaultNow() / 1000),
    version: state.version,
    enterprise: false,
    cluster_name: unsealed ? context.clusterName : undefined,
    cluster_id: unsealed ? context.clusterId : undefined,
    echo_duration_ms: 0,
    clock_skew_ms: state.clockSkewMs,
    replication_primary_canary_age_ms: 0,
    removed_from_cluster: state.removedFromCluster ? true : undefined,
    ha_connection_healthy: state.standby || state.perfStandby ? !state.haUnhealthy : undefined,
  };
}
