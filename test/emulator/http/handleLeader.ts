import { encodeGoJson } from '../go/marshalGoJson';
import type { EmulatorContext } from '../core/emulatorContext';
import type { Reply } from './reply';

/** `GET sys/leader`: a standby names `state.activeAddress` as leader; otherwise HA is reported as off. */
export function handleLeader(context: EmulatorContext): Reply {
  const state = context.state;
  const standby = state.standby || state.perfStandby;
  const body = {
    ha_enabled: standby,
    is_self: false,
    active_time: '0001-01-01T00:00:00Z',
    leader_address: standby ? (state.activeAddress ?? '') : '',
    leader_cluster_address: '',
    performance_standby: state.perfStandby,
    performance_standby_last_remote_wal: 0,
  };
  return { status: 200, headers: {}, body: encodeGoJson(body) };
}
