import { encodeGoJson } from '../go/marshalGoJson';
import type { EmulatorContext } from '../core/emulatorContext';
import type { Reply } from './reply';

/** Serves `GET sys/seal-status`, which needs no token and works while sealed; the node has one Shamir key share. */
export function handleSealStatus(context: EmulatorContext): Reply {
  const state = context.state;
  const unsealed = state.initialized && !state.sealed;
  const body = {
    type: 'shamir',
    initialized: state.initialized,
    sealed: !unsealed,
    t: state.initialized ? 1 : 0,
    n: state.initialized ? 1 : 0,
    progress: 0,
    nonce: '',
    version: state.version,
    // A placeholder: the emulator has no build of its own.
    build_date: '2024-01-01T00:00:00Z',
    migration: false,
    cluster_name: unsealed ? context.clusterName : undefined,
    cluster_id: unsealed ? context.clusterId : undefined,
    recovery_seal: false,
    storage_type: 'inmem',
  };
  return { status: 200, headers: {}, body: encodeGoJson(body) };
}
