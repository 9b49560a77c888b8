import type { NodeRecord, PodRecord } from '../protocol/records'
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
export const selectStepsSeen = (s: AppState) => s.stepsSeen
export const selectActiveStep = (s: AppState) => s.activeStep

/** Pod keys on one node, sorted by name: what a node box draws. */
export const selectPodKeysOnNode =
  (nodeName: string) =>
  (s: AppState): string =>
    s.podKeys.filter((k) => s.pods[k]?.node === nodeName).join('|')
