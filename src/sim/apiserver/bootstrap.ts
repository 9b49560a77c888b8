import { nextUid } from '../core/ids'
import { simTimeToRfc3339 } from '../core/time'
import type { ActorContext } from '../runtime/actor'
import { encodeForStorage } from './encryption/storage'
import { callEtcd } from './etcd-client'
import { startCompactor } from './compactor'
import type { ApiServerState } from './state'
import { handleHttpRequest } from './handle-request'
import {
  kubeadmAddons,
  missingBootstrapObjects,
  SYSTEM_PRIORITY_CLASSES,
} from './bootstrap-objects'
import { etcdKey, findResourceByKind } from './resources'
import { tracksGeneration } from './generation'
import { ensureKubernetesService } from './services/kubernetes-service'

// The namespaces the API server's bootstrap controller creates on start.
// Source: pkg/controlplane/controller/systemnamespaces/system_namespaces_controller.go (v1.32)
const SYSTEM_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease']

/**
 * The cache is filled and watching etcd: create missing system namespaces and the bootstrap
 * policy, start compacting, and serve once the policy is in the cache (until then every request
 * would be forbidden; the real server's readyz waits for the same post-start hook).
 */
export function onCacheReady(ctx: ActorContext, state: ApiServerState): void {
  for (const name of SYSTEM_NAMESPACES) {
    const key = `/registry/namespaces/${name}`
    if (state.cache.objects.has(key)) continue
    const namespace = {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: {
        name,
        uid: nextUid(state.rng),
        creationTimestamp: simTimeToRfc3339(ctx.nowMs),
        labels: { 'kubernetes.io/metadata.name': name },
      },
      spec: { finalizers: ['kubernetes'] },
      status: { phase: 'Active' },
    }
    callEtcd(
      ctx,
      state,
      {
        op: 'txn',
        compares: [{ key, target: 'CREATE', result: 'EQUAL', createRevision: 0 }],
        success: [
          { op: 'put', key, value: encodeForStorage(namespace, key, state.encryption, state.rng) },
        ],
        failure: [],
      },
      { kind: 'bootstrap' },
      { label: `Txn put ${key}` },
    )
  }
  createBootstrapObjects(ctx, state)
  ensureKubernetesService(ctx, state)
  startCompactor(ctx, state)
  const missing = missingBootstrapObjects(
    state.pki,
    (key) => state.cache.objects.has(key),
    state.rng,
    ctx.nowMs,
  )
  const last = missing[missing.length - 1]
  if (!last) return becomeReady(ctx, state)
  state.policyKey = last.key
  callEtcd(
    ctx,
    state,
    {
      op: 'txn',
      compares: [],
      success: missing.map(({ key, object }) => ({
        op: 'put' as const,
        key,
        value: encodeForStorage(object, key, state.encryption, state.rng),
      })),
      failure: [],
    },
    { kind: 'bootstrap' },
    { label: `Txn put ${missing.length} bootstrap RBAC objects` },
  )
}

/** Serves what waited for the cache and the bootstrap policy. */
export function becomeReady(ctx: ActorContext, state: ApiServerState): void {
  state.ready = true
  delete state.policyKey
  const parked = state.parked
  state.parked = []
  for (const p of parked) handleHttpRequest(ctx, state, p.from, p.request, p.step)
}

/** After watch events: the bootstrap policy has reached the cache, so authorizing can begin. */
export function checkPolicyBootstrapped(ctx: ActorContext, state: ApiServerState): void {
  if (state.policyKey !== undefined && state.cache.objects.has(state.policyKey))
    becomeReady(ctx, state)
}

/** Create-if-absent writes of the objects a fresh cluster starts with (bootstrap-objects.ts). */
function createBootstrapObjects(ctx: ActorContext, state: ApiServerState): void {
  const objects = [
    ...SYSTEM_PRIORITY_CLASSES,
    ...(state.addons === true ? kubeadmAddons(() => nextUid(state.rng)) : []),
  ]
  for (const object of objects) {
    const info = findResourceByKind(object.apiVersion ?? '', object.kind ?? '')
    const name = object.metadata?.name ?? ''
    if (!info) continue
    const key = etcdKey(info, object.metadata?.namespace, name)
    if (state.cache.objects.has(key)) continue
    const stored = {
      ...object,
      metadata: {
        ...object.metadata,
        uid: object.metadata?.uid ?? nextUid(state.rng),
        creationTimestamp: simTimeToRfc3339(ctx.nowMs),
        ...(tracksGeneration(object.kind ?? '') ? { generation: 1 } : {}),
      },
    }
    callEtcd(
      ctx,
      state,
      {
        op: 'txn',
        compares: [{ key, target: 'CREATE', result: 'EQUAL', createRevision: 0 }],
        success: [
          { op: 'put', key, value: encodeForStorage(stored, key, state.encryption, state.rng) },
        ],
        failure: [],
      },
      { kind: 'bootstrap' },
      { label: `Txn put ${key}` },
    )
  }
}
