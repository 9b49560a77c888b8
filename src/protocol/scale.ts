import type { PodRecord } from './records'

/**
 * Scale mode (?scale=1): a cluster too big to stream object by object (Kubernetes' limits are
 * 5,000 nodes and 150,000 Pods). The worker sends per-node aggregates instead of Pod and Node
 * records, and only the Pods the page shows: a window of the Pods table, or one node's Pods.
 */

/** A node's condition as the overview colours it: its Ready condition's status. */
export const NODE_CONDITION = { Ready: 0, NotReady: 1, Unknown: 2 } as const
export type NodeCondition = (typeof NODE_CONDITION)[keyof typeof NODE_CONDITION]

// What one browser tab can hold. Chromium gives a renderer one V8 pointer-compression cage of
// 4 GiB shared by the page and its workers (performance.memory.jsHeapSizeLimit reads 3,586 MiB in
// the Chromium the tests use), and a worker that runs out of it takes the whole tab down, so the
// simulation keeps well inside: room for the page, and for the garbage collector to work.
export const TAB_SIM_HEAP_BUDGET_MB = 2_600
// The simulation's heap, measured headless on the same V8 (scale.bench.ts at 5,000 nodes: 267 MB
// after boot, 54.5 KB a Pod at 10,000 Pods with the nodes' share; memory.bench.ts: 22.8 KB per
// added Pod), rounded up: what does not grow with Pods (checkpoints' object budget, the bounded
// trace), a node (its kubelet, Lease, Node object and indexes), and a Pod with its Events (etcd's
// Raft log and values, the watch cache, kubelet and controller state).
export const SIM_HEAP_FIXED_MB = 600
export const SIM_HEAP_PER_NODE_KB = 55
export const SIM_HEAP_PER_POD_KB = 30

/** The most Pods (whole thousands) a tab can simulate on `nodes` nodes without running out of heap. */
export function tabPodCapacity(nodes: number): number {
  const freeKb = (TAB_SIM_HEAP_BUDGET_MB - SIM_HEAP_FIXED_MB) * 1024 - nodes * SIM_HEAP_PER_NODE_KB
  return Math.max(0, Math.floor(freeKb / SIM_HEAP_PER_POD_KB / 1000) * 1000)
}

/** What a scale-mode load asks for: Deployments adding up to `pods` Pods, added over time. */
export interface ScaleLoad {
  pods: number
}

/** Totals over the whole cluster, for the overview's heading. */
export interface ScaleTotals {
  nodes: number
  /** Pods the scale run asks for in all (the Deployments' replicas, when all are created). */
  podsAsked: number
  /** The workload's Pods that exist now (any phase), kube-system's apart. */
  pods: number
  /** kubeadm's Pods in kube-system: kube-proxy on every node, CoreDNS, static control-plane Pods. */
  systemPods: number
  running: number
  /** Pods no node has yet. */
  pending: number
  /** The workload's Deployments (CoreDNS's, in kube-system, is not counted). */
  deployments: number
}

/** A window of Pods, in creation order: the Pods table's visible rows, or one node's Pods. */
export interface PodWindow {
  /** Index of the first row, in the whole list. */
  offset: number
  /** Rows in the whole list (all Pods, or the node's). */
  total: number
  rows: PodRecord[]
  /** Set for one node's Pods. */
  node?: string
}

/**
 * The scale part of a frame. Node arrays are indexed like `nodeNames` (sent on a reset, and
 * again when the node list changed); `changed` lists only nodes whose figures moved.
 */
export interface ScaleFrame {
  nodeNames?: string[]
  /** Parallel arrays: node index, Pods bound to it, its condition. */
  changed: { index: number[]; pods: number[]; condition: NodeCondition[] }
  totals: ScaleTotals
  /** Messages sent in this frame's slice of time, before sampling (the view says it samples). */
  messagesSent: number
  podWindow?: PodWindow
  nodePods?: PodWindow
}

/** What the page shows in scale mode: the worker sends these Pods and no others. */
export interface ScaleViewRequest {
  /** The Pods table's visible rows (null: the table is not shown). */
  podWindow: { offset: number; count: number } | null
  /** The node whose Pods are shown (null: none). */
  node: string | null
  /**
   * The scheduling decision shown in full, rows and scores included (the others come as
   * headlines): '' the newest, a Pod's latest (namespace/name), null none (the tab is closed).
   */
  decision: string | null
}
