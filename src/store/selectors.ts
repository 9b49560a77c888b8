import type {
  AuthorizationRecord,
  DecisionRecord,
  NodeRecord,
  PodRecord,
} from '../protocol/records'
import type { AppState } from './store'

export const selectPodKeys = (s: AppState): string[] => s.podKeys
export const selectPod =
  (key: string) =>
  (s: AppState): PodRecord | undefined =>
    s.pods[key]
export const selectNodeKeys = (s: AppState): string[] => s.nodeKeys
export const selectNode =
  (key: string) =>
  (s: AppState): NodeRecord | undefined =>
    s.nodes[key]
export const selectComponents = (s: AppState) => s.components
export const selectEvents = (s: AppState) => s.events
export const selectNarration = (s: AppState) => s.narration
export const selectKubectl = (s: AppState) => s.kubectl

/** Pod keys on one node, sorted by name: what a node box draws. */
export const selectPodKeysOnNode =
  (nodeName: string) =>
  (s: AppState): string =>
    s.podKeys.filter((k) => s.pods[k]?.node === nodeName).join('|')

/** The decision the scheduler panel shows: the picked pod's latest, else the newest of all. */
export const selectShownDecision = (s: AppState): DecisionRecord | undefined => {
  let brief: DecisionRecord | undefined
  for (let i = s.decisions.length - 1; i >= 0; i--) {
    const d = s.decisions[i]
    if (!d || (s.decisionPod !== undefined && d.pod !== s.decisionPod)) continue
    // A picked Pod's newest decision, whole or not; otherwise the newest whole one (scale mode
    // sends the others as headlines), or the newest headline while none is whole yet.
    if (!d.brief || s.decisionPod !== undefined) return d
    brief ??= d
  }
  return brief
}

/** Pods with a decision, newest decision first (namespace/name). */
export const selectDecisionPods = (s: AppState): string[] => [
  ...new Set(s.decisions.map((d) => d.pod).reverse()),
]

/** The kube-proxy mode last asked for (the ConfigMap's `mode`); iptables by default. */
export function selectProxyMode(state: AppState): 'iptables' | 'ipvs' {
  for (let i = state.actions.length - 1; i >= 0; i--) {
    const action = state.actions[i]?.action
    if (action?.type === 'setKubeProxyMode') return action.mode
  }
  return 'iptables'
}

/** The authorization decision the Access tab explains: the picked one, else the newest. */
export const selectShownAuthDecision = (s: AppState): AuthorizationRecord | undefined => {
  const picked = s.authDecisions.find((d) => `${d.client}#${d.requestId}` === s.selectedDecision)
  return picked ?? s.authDecisions[s.authDecisions.length - 1]
}
