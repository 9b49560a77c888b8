import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { ReplicaSet } from 'kubernetes-types/apps/v1'
import type { Pod } from 'kubernetes-types/core/v1'
import type { KubeObject } from '../../model/objects'
import { createInformer, type InformerState } from '../../runtime/informer'
import { reindex } from '../../runtime/informer-index'
import { isActive, ownedPodsTally } from './owned-pods-tally'
import { countReplicas, countReplicasFromTally } from './replica-status'

// The tally (owned-pods-tally.ts) against the pass it replaces, over random Pod changes as the
// informer applies them (informer.ts: items.set/delete, then reindex with the old object).

const RS_UIDS = ['uid-a', 'uid-b']
// Two shared labels objects and an unshared one per Pod, as the API server's sharing leaves them.
const SHARED_LABELS = [Object.freeze({ app: 'web', hash: 'h1' }), Object.freeze({ app: 'web' })]

function replicaSet(uid: string): ReplicaSet {
  return {
    metadata: { name: uid, namespace: 'default', uid },
    spec: {
      selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web', hash: 'h1' } } },
    },
  }
}

const podArb = (name: string) =>
  fc
    .record({
      owner: fc.constantFrom(...RS_UIDS, undefined),
      labels: fc.constantFrom<'shared0' | 'shared1' | 'own' | 'none'>(
        'shared0',
        'shared1',
        'own',
        'none',
      ),
      phase: fc.constantFrom('Pending', 'Running', 'Succeeded', 'Failed'),
      ready: fc.constantFrom('True', 'False', undefined),
      deleting: fc.boolean(),
    })
    .map((f): Pod => ({
      metadata: {
        name,
        namespace: 'default',
        ...(f.labels === 'none'
          ? {}
          : {
              labels:
                f.labels === 'own'
                  ? { app: 'web', hash: 'h1' }
                  : (SHARED_LABELS[f.labels === 'shared0' ? 0 : 1] as Record<string, string>),
            }),
        ...(f.owner
          ? {
              ownerReferences: [
                {
                  apiVersion: 'apps/v1',
                  kind: 'ReplicaSet',
                  name: f.owner,
                  uid: f.owner,
                  controller: true,
                },
              ],
            }
          : {}),
        ...(f.deleting ? { deletionTimestamp: '2026-01-01T00:00:00Z' } : {}),
      },
      status: {
        phase: f.phase,
        ...(f.ready ? { conditions: [{ type: 'Ready', status: f.ready }] } : {}),
      },
    }))

type Step = { kind: 'put'; pod: Pod } | { kind: 'delete'; name: string } | { kind: 'relist' }

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  fc
    .constantFrom('p0', 'p1', 'p2', 'p3', 'p4', 'p5')
    .chain((name) => podArb(name))
    .map((pod) => ({ kind: 'put' as const, pod })),
  fc.constantFrom('p0', 'p1', 'p2', 'p3').map((name) => ({ kind: 'delete' as const, name })),
  fc.constant({ kind: 'relist' as const }),
)

/** What onInformerEvent does to the cache and its indexes. */
function apply(informer: InformerState, step: Step): void {
  if (step.kind === 'relist') {
    // onInformerList: a new map of the same objects, each reindexed against the previous one.
    const previous = informer.items
    informer.items = new Map()
    for (const [key, item] of previous) {
      informer.items.set(key, item)
      reindex(informer.indices ?? {}, key, previous.get(key), item)
    }
    return
  }
  const key = `default/${step.kind === 'put' ? (step.pod.metadata?.name ?? '') : step.name}`
  const old = informer.items.get(key)
  if (step.kind === 'delete') informer.items.delete(key)
  else informer.items.set(key, step.pod as KubeObject)
  reindex(
    informer.indices ?? {},
    key,
    old,
    step.kind === 'delete' ? undefined : (step.pod as KubeObject),
  )
}

/** The pass the tally replaces: the index's Pods, FilterActivePods, calculateStatus. */
function byPass(informer: InformerState, rs: ReplicaSet) {
  const keys = informer.indices?.controllerUid?.get(rs.metadata?.uid ?? '') ?? new Set<string>()
  const active = [...keys]
    .map((k) => informer.items.get(k) as Pod | undefined)
    .filter((p): p is Pod => p !== undefined && isActive(p))
  const { fullyLabeled, ready, available } = countReplicas(rs, active, 0)
  return { active: active.length, fullyLabeled, ready, available }
}

describe('OwnedPodsTally', () => {
  it('equals the full pass over the owned Pods after any sequence of changes', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { maxLength: 40 }), fc.array(fc.nat(40)), (steps, asks) => {
        const informer = createInformer('pods', '/api/v1/pods', undefined, {
          indexes: ['controllerUid', 'nodeName'],
        })
        const askAt = new Set(asks)
        steps.forEach((step, i) => {
          apply(informer, step)
          // Tallies are made on first ask, mid-sequence, then kept by reindex.
          if (!askAt.has(i)) return
          for (const uid of RS_UIDS) {
            const rs = replicaSet(uid)
            const tally = ownedPodsTally(informer, rs)
            const counts = countReplicasFromTally(rs, tally)
            expect({ active: tally?.active ?? 0, ...counts, minReadyMs: undefined }).toEqual({
              ...byPass(informer, rs),
              minReadyMs: undefined,
            })
          }
        })
      }),
      { seed: 15, numRuns: 300 },
    )
  })

  it('leaves minReadySeconds to the full pass (availability depends on the time)', () => {
    const plain = replicaSet('uid-a')
    const rs: ReplicaSet = { ...plain, spec: { selector: {}, ...plain.spec, minReadySeconds: 5 } }
    expect(countReplicasFromTally(rs, undefined)).toBeUndefined()
  })
})
