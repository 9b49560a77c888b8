import type { Container, Pod } from 'kubernetes-types/core/v1'
import { base64Decode, bytesToUtf8 } from '../core/bytes'
import type { ActorContext } from '../runtime/actor'
import { callApi } from '../runtime/api-client'
import type { KeptToken } from './projected-token'
import type { KubeletState, PodWorker } from './state'

/**
 * Before the sandbox starts, the kubelet's volume manager sets up every volume (Secrets and
 * ConfigMaps it GETs, the projected ServiceAccount token it asks the TokenRequest API for,
 * bound to the Pod), and pod start reads what env vars need. A missing Secret keeps the Pod in
 * ContainerCreating with FailedMount events, retried with backoff; a missing env source makes
 * the container CreateContainerConfigError.
 * NB: the real kubelet starts the sandbox before resolving env; the sim resolves both first.
 * Sources: pkg/kubelet/volumemanager, pkg/volume/secret, pkg/volume/projected,
 * pkg/kubelet/kubelet_pods.go makeEnvironmentVariables (v1.32)
 */
export interface Fetch {
  kind: 'secret' | 'configmap' | 'token'
  name: string
  /** The volume it is for; undefined for env-only sources. */
  volume?: string
  optional?: boolean
  expirationSeconds?: number
  audience?: string
}

/** A mounted file's content: text, a compact token, or OWN_TOKEN (the Pod's `files.token`). */
export type MountedFile = KeptToken | typeof OWN_TOKEN

/** The Pod's own projected token, where a volume holds it (read it with volumeFiles). */
export const OWN_TOKEN = 0

/** One mounted volume: which of the Pod's volumes (its index in spec.volumes), its files by name. */
export type MountedVolume = readonly [index: number, files: Record<string, MountedFile>]

/**
 * What a Pod's containers can see: files per volume, env per container. A projected token is
 * kept compact once mounted (projected-token.ts): read files with volumeFiles / tokenText.
 * Volumes are a list of [index in spec.volumes, files], not a record by name: a Pod's volume
 * names are its own (kube-api-access-<random>), and an object with a property name no other
 * object has costs V8 a hidden class of its own. By index, and with the Pod's token as
 * OWN_TOKEN, the lists of Pods of one template on a node are equal: one frozen list for all
 * (projected-token.ts keepMountedFiles), the Pod keeping only its token.
 */
export interface PodFiles {
  volumes: readonly MountedVolume[]
  /** Each container's env vars (values, and those from Secrets and ConfigMaps); none: no entry. */
  env: Record<string, Record<string, string>>
  /** The projected ServiceAccount token, for in-pod API calls. */
  token?: KeptToken
}

// Pods whose containers have no env vars (most): one frozen value
// for all (nothing changes a Pod's env once set). A container without any has no entry.
const NO_ENVS: PodFiles['env'] = Object.freeze({})

// The volume operation backoff: 500 ms doubling to 2 min 2 s
// (pkg/util/goroutinemap/exponentialbackoff/exponential_backoff.go, v1.32).
const INITIAL_BACKOFF_MS = 500
const MAX_BACKOFF_MS = 122_000

export function fetchesFor(pod: Pod): Fetch[] {
  const out: Fetch[] = []
  const add = (f: Fetch) => {
    if (!out.some((o) => o.kind === f.kind && o.name === f.name && o.volume === f.volume))
      out.push(f)
  }
  const spec = pod.spec
  for (const v of spec?.volumes ?? []) {
    if (v.secret?.secretName)
      add({
        kind: 'secret',
        name: v.secret.secretName,
        volume: v.name,
        optional: v.secret.optional === true,
      })
    if (v.configMap?.name)
      add({
        kind: 'configmap',
        name: v.configMap.name,
        volume: v.name,
        optional: v.configMap.optional === true,
      })
    for (const s of v.projected?.sources ?? []) {
      if (s.secret?.name)
        add({
          kind: 'secret',
          name: s.secret.name,
          volume: v.name,
          optional: s.secret.optional === true,
        })
      if (s.configMap?.name)
        add({
          kind: 'configmap',
          name: s.configMap.name,
          volume: v.name,
          optional: s.configMap.optional === true,
        })
      if (s.serviceAccountToken)
        add({
          kind: 'token',
          name: spec?.serviceAccountName ?? 'default',
          volume: v.name,
          expirationSeconds: s.serviceAccountToken.expirationSeconds ?? 3600,
          ...(s.serviceAccountToken.audience !== undefined
            ? { audience: s.serviceAccountToken.audience }
            : {}),
        })
    }
  }
  for (const c of [...(spec?.containers ?? []), ...(spec?.initContainers ?? [])]) {
    for (const e of c.env ?? []) {
      const s = e.valueFrom?.secretKeyRef
      const m = e.valueFrom?.configMapKeyRef
      if (s?.name) add({ kind: 'secret', name: s.name, optional: s.optional === true })
      if (m?.name) add({ kind: 'configmap', name: m.name, optional: m.optional === true })
    }
    for (const from of c.envFrom ?? []) {
      if (from.secretRef?.name)
        add({
          kind: 'secret',
          name: from.secretRef.name,
          optional: from.secretRef.optional === true,
        })
      if (from.configMapRef?.name)
        add({
          kind: 'configmap',
          name: from.configMapRef.name,
          optional: from.configMapRef.optional === true,
        })
    }
  }
  return out
}

/** Sends every fetch the pod needs; results arrive as 'volume' responses. */
export function startVolumeSetup(ctx: ActorContext, state: KubeletState, worker: PodWorker): void {
  const fetches = fetchesFor(worker.pod)
  worker.stage = 'volumes'
  worker.fetched = {}
  worker.fetches = fetches
  fetches.forEach((f, index) => {
    const ns = worker.namespace
    const data = { uid: worker.uid, index }
    if (f.kind === 'token') {
      callApi(
        ctx,
        state.client,
        {
          method: 'POST',
          path: `/api/v1/namespaces/${ns}/serviceaccounts/${f.name}/token`,
          body: {
            apiVersion: 'authentication.k8s.io/v1',
            kind: 'TokenRequest',
            spec: {
              ...(f.audience !== undefined ? { audiences: [f.audience] } : {}),
              expirationSeconds: f.expirationSeconds,
              boundObjectRef: { kind: 'Pod', apiVersion: 'v1', name: worker.name, uid: worker.uid },
            },
          },
          label: `POST serviceaccounts/${f.name}/token (for Pod ${worker.name})`,
        },
        { purpose: 'volume', data },
      )
      return
    }
    const resource = f.kind === 'secret' ? 'secrets' : 'configmaps'
    callApi(
      ctx,
      state.client,
      {
        method: 'GET',
        path: `/api/v1/namespaces/${ns}/${resource}/${f.name}`,
        label: `GET ${resource}/${f.name} (for Pod ${worker.name})`,
      },
      { purpose: 'volume', data },
    )
  })
}

/** Records one answer; returns true when every fetch has answered. */
export function onVolumeResponse(
  worker: PodWorker,
  index: number,
  code: number,
  body: unknown,
): boolean {
  const fetched = (worker.fetched ??= {})
  fetched[index] =
    code >= 200 && code < 300
      ? { ok: true, body }
      : { ok: false, code, message: (body as { message?: string } | undefined)?.message ?? '' }
  return Object.keys(fetched).length >= (worker.fetches ?? []).length
}

const decoded = (value: string): string => {
  const d = base64Decode(value)
  return d.ok ? bytesToUtf8(d.bytes) : value
}

function contentOf(f: Fetch, body: unknown): Record<string, string> {
  if (f.kind === 'token')
    return { token: (body as { status?: { token?: string } }).status?.token ?? '' }
  const object = body as { data?: Record<string, string>; binaryData?: Record<string, string> }
  if (f.kind === 'secret')
    return Object.fromEntries(Object.entries(object.data ?? {}).map(([k, v]) => [k, decoded(v)]))
  return {
    ...object.data,
    ...Object.fromEntries(Object.entries(object.binaryData ?? {}).map(([k, v]) => [k, decoded(v)])),
  }
}

/** The kubelet's error text for a missing object: its caches say "secret", not "secrets". */
function missingText(f: Fetch, result: { code: number; message: string }): string {
  return result.code === 404 ? `${f.kind} "${f.name}" not found` : result.message
}

export type VolumeOutcome =
  | { ok: true; files: PodFiles }
  | { ok: false; mountErrors: { volume: string; text: string }[]; envError?: string }

/** Mounts what arrived, or says which volume (or env source) is missing. */
export function assembleFiles(worker: PodWorker): VolumeOutcome {
  const volumes: Record<string, Record<string, MountedFile>> = {}
  const files: PodFiles = { volumes: [], env: {} }
  const byObject = new Map<string, Record<string, string>>()
  const mountErrors: { volume: string; text: string }[] = []
  let envError: string | undefined
  ;(worker.fetches ?? []).forEach((f, i) => {
    const result = worker.fetched?.[i]
    if (!result) return
    if (!result.ok) {
      if (f.optional) return
      const text = missingText(f, result)
      if (f.volume !== undefined) mountErrors.push({ volume: f.volume, text })
      else envError ??= text
      return
    }
    const content = contentOf(f, result.body)
    byObject.set(`${f.kind}/${f.name}`, content)
    if (f.kind === 'token') files.token = content['token'] ?? ''
    if (f.volume !== undefined) volumes[f.volume] = { ...volumes[f.volume], ...content }
  })
  for (const v of worker.pod.spec?.volumes ?? [])
    if (v.projected?.sources?.some((s) => s.downwardAPI))
      volumes[v.name] = { ...volumes[v.name], namespace: worker.namespace }
  files.volumes = (worker.pod.spec?.volumes ?? []).flatMap((v, i): MountedVolume[] => {
    const mounted = volumes[v.name]
    return mounted ? [[i, mounted]] : []
  })
  for (const c of worker.pod.spec?.containers ?? []) {
    const env = environmentOf(c, byObject, worker.namespace)
    if (typeof env === 'string') envError ??= env
    else if (Object.keys(env).length > 0) files.env[c.name] = env
  }
  if (Object.keys(files.env).length === 0) files.env = NO_ENVS
  if (mountErrors.length > 0 || envError !== undefined)
    return { ok: false, mountErrors, ...(envError !== undefined ? { envError } : {}) }
  return { ok: true, files }
}

function environmentOf(
  c: Container,
  objects: Map<string, Record<string, string>>,
  namespace: string,
): Record<string, string> | string {
  const env: Record<string, string> = {}
  for (const from of c.envFrom ?? []) {
    const ref = from.secretRef?.name
      ? `secret/${from.secretRef.name}`
      : `configmap/${from.configMapRef?.name ?? ''}`
    Object.assign(env, objects.get(ref) ?? {})
  }
  for (const e of c.env ?? []) {
    if (e.value !== undefined) env[e.name] = e.value
    const s = e.valueFrom?.secretKeyRef
    const m = e.valueFrom?.configMapKeyRef
    const ref = s
      ? { kind: 'secret', kindText: 'Secret', ...s }
      : m
        ? { kind: 'configmap', kindText: 'ConfigMap', ...m }
        : undefined
    if (!ref) continue
    const values = objects.get(`${ref.kind}/${ref.name ?? ''}`)
    if (!values) continue
    const value = values[ref.key]
    if (value === undefined) {
      if (ref.optional) continue
      return `couldn't find key ${ref.key} in ${ref.kindText} ${namespace}/${ref.name ?? ''}`
    }
    env[e.name] = value
  }
  return env
}

/** When to try mounting again after `attempt` failures. */
export function volumeRetryDelay(attempt: number): number {
  return Math.min(MAX_BACKOFF_MS, INITIAL_BACKOFF_MS * 2 ** attempt)
}
