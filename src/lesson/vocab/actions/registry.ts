import type { AnyActionKind } from './kind'
import { apply, deletePod, kubectl, stampede } from './kubectl-actions'
import {
  addEtcdMember,
  diskLatency,
  heal,
  linkLoss,
  nodeCapacity,
  partition,
  removeEtcdMember,
  splitBrain,
  start,
  stop,
  timeoutNow,
  wipe,
} from './fault-actions'
import { proxyMode, sendTraffic } from './workload-actions'
import { encryptionConfig, restart } from './encryption-actions'

/**
 * The scenario vocabulary, in the order the docs list it. `wait` and `waitFor` (time passing,
 * a condition holding) are items too; the script runner handles them (session/script.ts).
 */
export const ACTION_KINDS: readonly AnyActionKind[] = [
  apply,
  kubectl,
  deletePod,
  stop,
  start,
  restart,
  partition,
  splitBrain,
  heal,
  linkLoss,
  diskLatency,
  addEtcdMember,
  removeEtcdMember,
  timeoutNow,
  wipe,
  nodeCapacity,
  sendTraffic,
  proxyMode,
  encryptionConfig,
  stampede,
]

export const WAIT_KEYS = ['wait', 'waitFor'] as const

export const ACTION_KEYS: readonly string[] = [...ACTION_KINDS.map((k) => k.key), ...WAIT_KEYS]

const byKey = new Map(ACTION_KINDS.map((k) => [k.key, k]))

export function actionKind(key: string): AnyActionKind | undefined {
  return byKey.get(key)
}
