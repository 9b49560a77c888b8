import type { ActorContext } from '../runtime/actor'
import { fail, finish } from './commands'
import { API_SERVER_URL } from './kubeconfig'
import type { KubectlState } from './state'

/** The API server refused the connection (not running) or dropped it (exited mid-request). */
export function onConnectionLost(
  ctx: ActorContext,
  state: KubectlState,
  requestId: number | undefined,
  diedAtMs?: number,
): void {
  const ids = requestId !== undefined ? [requestId] : Object.keys(state.client.pending).map(Number)
  for (const id of ids) {
    const data = state.client.pending[id]?.data
    const cmdId = typeof data === 'string' ? data : (data as { cmd?: string } | undefined)?.cmd
    const cmd = cmdId !== undefined ? state.commands[cmdId] : undefined
    if (!cmd || (diedAtMs !== undefined && (cmd.startedAtMs ?? 0) >= diedAtMs)) continue
    delete state.client.pending[id]
    const host = (cmd.resolved?.cluster.server ?? API_SERVER_URL).replace(/^https?:\/\//, '')
    fail(
      cmd,
      requestId !== undefined
        ? `The connection to the server ${host} was refused - did you specify the right host or port?`
        : 'Unable to connect to the server: EOF',
    )
    finish(ctx, state, cmd)
  }
}
