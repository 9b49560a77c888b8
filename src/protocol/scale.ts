import type { PodRecord } from './records'

/**
 * Scale mode (?scale=1): a cluster too big to stream object by object (Kubernetes' limits are
 * 5,000 nodes and 150,000 Pods). The worker sends per-node aggregates instead of Pod and Node
 * records, and only the Pods the page shows: a window of the Pods table, or one node's Pods.
 */

/** A node's condition as the overview colours it: its Ready condition's status. */
export const NODE_CONDITION = { Ready: 0, NotReady: 1, Unknown: 2 } as const
export type NodeCondition = (typeof NODE_CONDITION)[keyof typeof NODE_CONDITION]

// What one browser tab can hold. Chromium puts the page and its workers in one V8 pointer-
// compression cage of 4 GiB, and a worker that runs out of heap takes the whole tab down.
// Measured in the Chromium the tests use (Debian's 156, headless; a worker filling its heap with
// arrays, read over the DevTools protocol): alone on the page it died at ~3,230 MB used; with the
// page holding 1 GB, at ~2,400 MB. Both times the tab's renderer crashed with it.
export const TAB_HEAP_LIMIT_MB = 3_200
// The simulation keeps within about four fifths of that. The rest is the page (~23 MB in scale
// mode at 5,000 nodes, npm run bench:browser), room for V8 to collect (near its limit it gives up
// on "ineffective mark-compacts" before the last byte), and what a moment allocates on top of
// the live heap: a checkpoint's copy, a seek's restore, a LIST of every Pod built whole.
export const TAB_SIM_HEAP_BUDGET_MB = 2_600

// The bounds the simulation keeps whatever the Pods (src/sim cannot be imported here;
// src/worker/tab-capacity.test.ts checks them against it):
export const SIM_BOUNDS = {
  // etcd's in-memory Raft log: etcd v3.5 snapshots every DefaultSnapshotCount = 100,000 applied
  // entries and keeps SnapshotCatchUpEntries = 5,000 (server/etcdserver/server.go), so it
  // oscillates between ~5,000 and ~105,000 entries (src/sim/etcd/member-state.ts).
  raftLogEntries: 105_000,
  // The checkpoints for seeking hold at most CHECKPOINT_BYTE_BUDGET bytes (src/sim/
  // checkpoint-policy.ts): 2,500,000 copied objects' worth at its COPIED_OBJECT_BYTES, copies
  // and the values they alone keep alive counted together; older ones are thinned. (Scale mode
  // passes a smaller budget: TAB_CHECKPOINT_BYTE_BUDGET.)
  checkpointObjects: 2_500_000,
  // Scale mode keeps the last SCALE_TRACE_LIMIT trace events (src/sim/trace-log.ts).
  traceEvents: 200_000,
}

// The unit costs of the simulation's bounded parts in the worker's heap, from a least-squares fit
// over 13 points of scale mode filling 5,000 nodes in headless Chromium (npm run bench:browser,
// session 12: heap = a + b·Pods + c·(Raft log entries) + d·(checkpoint objects), within 22 MB of
// each point).
const FILL_FIT = {
  // A Raft entry costs less than the ~1.7 KB memory.bench.ts gives it in Node: while the fill is
  // young etcd's MVCC history holds the same values, and a snapshot's dropped entries stay
  // reachable from the checkpoints taken before it, so they weigh on the checkpoints' side.
  raftEntryKb: 0.32,
  // checkpoint-policy.ts estimates ~0.22 KB (75 MB for 357,000 objects at 1,000 nodes).
  checkpointObjectKb: 0.15,
  // ~0.3 KB an event (trace-log.ts); dropping a 165,000-event trace freed 28 MB (0.17 KB).
  traceEventKb: 0.3,
}
// The worker's live heap (after a full GC) in scale mode on 5,000 nodes, measured in headless
// Chromium over the DevTools protocol (npm run bench:browser, session 14, two runs):
// - filling to 108,680 Pods (the run stopped when the heap between GCs passed 2.9 GB): 108 MB
//   booted, 506 at 11,000 Pods, 905 at 40,000, 1,288 at 61,627, 1,682 at 90,000, 1,983 at
//   108,680: 15.6 KB a Pod (least squares over the 11 fill points);
// - filling to 47,000 Pods and then at rest for 8,500 virtual seconds (26 points a wall-minute
//   apart): between 919 and 1,140 MB, with no trend. The checkpoints' byte budget weighs the old
//   values they keep alive (checkpoint-pins.ts), so they no longer grow at rest as they did
//   (session 12's run: 1,151 MB -> 2,315 MB in 2,000 virtual seconds, still rising).
// The estimate starts from the highest point at rest, with the Raft log, the checkpoints and the
// trace then moved to their bounds at the unit costs above. Checked at the capacity it gives
// (tabPodCapacity(5000) = 124,000; same bench): 2,252 MB when all were Running (the fill is
// younger than etcd's 5-minute compaction, so its history is all there), then 1,591-1,782 MB at
// rest over 2,900 virtual seconds, the worker alive; its heap between GCs peaked at 3,096 MB.
const REST_POINT = {
  nodes: 5_000,
  pods: 47_000,
  heapMb: 1_140,
  raftLogEntries: 91_894,
  checkpointObjects: 1_037_056,
  traceEvents: 100_310,
}

// The checkpoints' byte budget in a tab (src/sim/checkpoint-policy.ts counts a checkpoint's
// copied objects and the frozen values only the kept checkpoints still hold; scale mode passes
// this as SimulationOptions.checkpointByteBudget). What the capacity estimate below already
// gives the checkpoints at their bound: SIM_BOUNDS.checkpointObjects at the fit's
// FILL_FIT.checkpointObjectKb, measured in Chromium (366 MB), so the checkpoints at rest stay
// within the share the estimate gave them instead of growing with what they pin (session 12's
// point at rest grew by 1,164 MB in 2,000 virtual s under an object-count budget).
export const TAB_CHECKPOINT_BYTE_BUDGET = Math.round(
  SIM_BOUNDS.checkpointObjects * FILL_FIT.checkpointObjectKb * 1024,
)

// A node: its kubelet, kube-proxy, Lease, Node object, informers and indexes, and the history
// its Lease renewals keep. memory.bench.ts at 1,000 nodes idle for 663 cluster-s (Node): 123 MB
// live, 56 MB of it the Raft log (counted in SIM_BOUNDS): 67 KB a node, rounded up.
export const SIM_HEAP_PER_NODE_KB = 70
// A Pod as scale mode adds it (the fill's slope, REST_POINT's runs: 15.6 KB), rounded up. With its
// Events (kept an hour: kube-apiserver's --event-ttl), etcd's values and their MVCC history (a
// fill of tens of thousands of Pods takes a few virtual minutes, inside the 5-min compaction
// window), the watch cache, kubelet, scheduler and controller state, the worker's index of Pods
// by node, and the old values the kept checkpoints still reach. (Node's marginal heap per added
// Pod, memory.bench.ts, is ~9 KB: measured past compaction, without checkpoints or the trace.)
export const SIM_HEAP_PER_POD_KB = 16
// What does not grow with nodes or Pods: the point at rest with the Raft log, the checkpoints and
// the trace brought to their bounds (at the fit's unit costs), less its Pods' and nodes' shares
// (rounded up to 10 MB).
export const SIM_HEAP_FIXED_MB =
  Math.ceil(
    (REST_POINT.heapMb +
      ((SIM_BOUNDS.raftLogEntries - REST_POINT.raftLogEntries) * FILL_FIT.raftEntryKb +
        (SIM_BOUNDS.checkpointObjects - REST_POINT.checkpointObjects) *
          FILL_FIT.checkpointObjectKb +
        (SIM_BOUNDS.traceEvents - REST_POINT.traceEvents) * FILL_FIT.traceEventKb -
        REST_POINT.pods * SIM_HEAP_PER_POD_KB -
        REST_POINT.nodes * SIM_HEAP_PER_NODE_KB) /
        1024) /
      10,
  ) * 10

/** The simulation's estimated live heap, in MB, with `nodes` nodes and `pods` Pods. */
export function simHeapEstimateMb(nodes: number, pods: number): number {
  return SIM_HEAP_FIXED_MB + (nodes * SIM_HEAP_PER_NODE_KB + pods * SIM_HEAP_PER_POD_KB) / 1024
}

/** The most Pods (whole thousands) a tab can simulate on `nodes` nodes without running out of heap. */
export function tabPodCapacity(nodes: number): number {
  const freeKb = (TAB_SIM_HEAP_BUDGET_MB - simHeapEstimateMb(nodes, 0)) * 1024
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
