import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import {
  addPod,
  addUnschedulableIfNotPresent,
  createSchedulingQueue,
  donePod,
  deletePod,
  moveAllToActiveOrBackoffQueue,
  nextWakeupMs,
  popPod,
  tickQueue,
  updatePod,
  type QueuedPodInfo,
  type SchedulingQueue,
} from './queue'
import { listQueues, nominatedPods } from './queue-view'
import { makeNode, makePod } from './testing/builders'

type Op =
  | { kind: 'add'; priority: number; nominated: boolean }
  | { kind: 'nominate'; index: number; node: string | undefined }
  | { kind: 'done' }
  | { kind: 'pop' }
  | { kind: 'fail'; plugin: 'NodeResourcesFit' | 'TaintToleration' | '' }
  | { kind: 'event' }
  | { kind: 'delete'; index: number }
  | { kind: 'advance'; ms: number }

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    kind: fc.constant('add' as const),
    priority: fc.integer({ min: 0, max: 3 }),
    nominated: fc.boolean(),
  }),
  fc.record({
    kind: fc.constant('nominate' as const),
    index: fc.nat(),
    node: fc.constantFrom('n1', 'n2', undefined),
  }),
  fc.record({ kind: fc.constant('done' as const) }),
  fc.record({ kind: fc.constant('pop' as const) }),
  fc.record({
    kind: fc.constant('fail' as const),
    plugin: fc.constantFrom('NodeResourcesFit' as const, 'TaintToleration' as const, '' as const),
  }),
  fc.record({ kind: fc.constant('event' as const) }),
  fc.record({ kind: fc.constant('delete' as const), index: fc.nat() }),
  fc.record({ kind: fc.constant('advance' as const), ms: fc.integer({ min: 1, max: 400_000 }) }),
)

/** The nominated pods by a scan of all four places: what q.nominated must always equal. */
function scanNominated(q: SchedulingQueue): string[] {
  const all = [
    ...q.activeQ,
    ...q.backoffQ,
    ...Object.values(q.unschedulablePods),
    ...Object.values(q.inFlight).map((f) => f.pInfo),
  ]
  return all
    .filter((p) => p.pod.status?.nominatedNodeName)
    .map((p) => `${p.key}@${p.pod.status?.nominatedNodeName ?? ''}`)
    .sort()
}

/** Which heap holds each pod, by a scan of both: what q.heaped must always equal. */
function scanHeaped(q: SchedulingQueue): string[] {
  const active = q.activeQ.map((p) => `${p.key}@activeQ`)
  return [...active, ...q.backoffQ.map((p) => `${p.key}@backoffQ`)].sort()
}

describe('scheduling queue properties', () => {
  it('keeps every pod in exactly one place, the nominated and heap indexes equal to a scan, and nextWakeupMs never in the past', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 80 }), (ops) => {
        const q = createSchedulingQueue(0)
        let now = 0
        let next = 0
        const known = new Set<string>()
        const staleWakeups: number[] = []
        const inFlight: QueuedPodInfo[] = []
        const nominatedMismatches: string[][] = []
        const heapMismatches: string[][] = []
        for (const op of ops) {
          if (op.kind === 'add') {
            const b = makePod(`p${next++}`).priority(op.priority)
            const pod = (op.nominated ? b.nominatedNode('n1') : b).obj()
            addPod(q, pod, now)
            known.add(pod.metadata?.uid ?? '')
          } else if (op.kind === 'nominate') {
            // The informer's update of a queued pod: status.nominatedNodeName set or cleared.
            const uids = [...known]
            const uid = uids[op.index % Math.max(1, uids.length)]
            if (uid !== undefined) {
              const b = makePod(uid.replace('uid-', ''))
              const pod = (op.node ? b.nominatedNode(op.node) : b).obj()
              updatePod(q, pod, pod, now)
            }
          } else if (op.kind === 'done') {
            // A cycle that bound its pod: it leaves the queue.
            const p = inFlight.shift()
            if (p) {
              donePod(q, p.key)
              known.delete(p.key)
            }
          } else if (op.kind === 'pop') {
            const p = popPod(q, now)
            if (p) inFlight.push(p)
          } else if (op.kind === 'fail') {
            const p = inFlight.shift()
            if (p)
              addUnschedulableIfNotPresent(
                q,
                p,
                { unschedulablePlugins: op.plugin ? [op.plugin] : [], pendingPlugins: [] },
                now,
              )
          } else if (op.kind === 'event') {
            moveAllToActiveOrBackoffQueue(
              q,
              {
                resource: 'Node',
                action: 'Add',
                node: makeNode('n').capacity({ cpu: '1', pods: 5 }).obj(),
              },
              now,
            )
          } else if (op.kind === 'delete') {
            const uids = [...known]
            const uid = uids[op.index % Math.max(1, uids.length)]
            const idx = inFlight.findIndex((p) => p.key === uid)
            if (uid !== undefined && idx < 0) {
              deletePod(q, makePod(uid.replace('uid-', '')).obj())
              known.delete(uid)
            }
          } else {
            now += op.ms
            tickQueue(q, now)
            const wake = nextWakeupMs(q)
            // everything due by now has moved, so the next wakeup lies in the future
            if (wake !== undefined && wake <= now) staleWakeups.push(wake)
          }
          const indexed = nominatedPods(q)
            .map((p) => `${p.metadata?.uid ?? ''}@${p.status?.nominatedNodeName ?? ''}`)
            .sort()
          const scanned = scanNominated(q)
          if (indexed.join() !== scanned.join()) nominatedMismatches.push([op.kind, ...indexed])
          const heaped = Object.entries(q.heaped).map(([key, heap]) => `${key}@${heap}`)
          if (heaped.sort().join() !== scanHeaped(q).join())
            heapMismatches.push([op.kind, ...heaped])
        }
        expect(nominatedMismatches).toEqual([])
        expect(heapMismatches).toEqual([])
        expect(staleWakeups).toEqual([])
        const listing = listQueues(q)
        const names = [
          ...listing.activeQ,
          ...listing.backoffQ,
          ...listing.unschedulablePods,
          ...listing.inFlight,
        ].map((v) => v.pod)
        expect(new Set(names).size).toBe(names.length)
        expect(names.length).toBe(known.size)
        // after ticking to nextWakeupMs, something moves or nothing was waiting
        const wake = nextWakeupMs(q)
        const moved = wake === undefined ? undefined : tickQueue(q, wake)
        expect(
          moved === undefined ||
            moved.movedFromBackoff.length + moved.movedFromUnschedulable.length > 0,
        ).toBe(true)
      }),
      { numRuns: 300 },
    )
  })
})
