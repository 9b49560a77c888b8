/**
 * The Containers / Init Containers blocks of `kubectl describe pod`.
 * Source: describeContainers and the describeContainer* helpers, DescribeProbe, describeStatus,
 * staging/src/k8s.io/kubectl/pkg/describe/describe.go (v1.32)
 */
import type {
  Container,
  ContainerState,
  ContainerStatus,
  EnvVar,
  Pod,
  Probe,
} from 'kubernetes-types/core/v1'
import { quantityText } from '../model/quantity'
import type { PrefixWriter } from './describe-writer'
import { LEVEL_0, LEVEL_1, LEVEL_2, LEVEL_3, formatRfc1123z } from './describe-writer'
import { compareStrings } from './table'

const printBool = (value: boolean): string => (value ? 'True' : 'False')

/** describeStatus: one ContainerState as "State:\tRunning" plus its details. */
function describeStatus(
  w: PrefixWriter,
  stateName: string,
  state: ContainerState | undefined,
): void {
  if (state?.running) {
    w.write(LEVEL_2, `${stateName}:\tRunning\n`)
    w.write(LEVEL_3, `Started:\t${formatRfc1123z(state.running.startedAt)}\n`)
  } else if (state?.waiting) {
    w.write(LEVEL_2, `${stateName}:\tWaiting\n`)
    if (state.waiting.reason) w.write(LEVEL_3, `Reason:\t${state.waiting.reason}\n`)
  } else if (state?.terminated) {
    const t = state.terminated
    w.write(LEVEL_2, `${stateName}:\tTerminated\n`)
    if (t.reason) w.write(LEVEL_3, `Reason:\t${t.reason}\n`)
    if (t.message) w.write(LEVEL_3, `Message:\t${t.message}\n`)
    w.write(LEVEL_3, `Exit Code:\t${t.exitCode}\n`)
    if ((t.signal ?? 0) > 0) w.write(LEVEL_3, `Signal:\t${t.signal ?? 0}\n`)
    w.write(LEVEL_3, `Started:\t${formatRfc1123z(t.startedAt)}\n`)
    w.write(LEVEL_3, `Finished:\t${formatRfc1123z(t.finishedAt)}\n`)
  } else {
    w.write(LEVEL_2, `${stateName}:\tWaiting\n`)
  }
}

/** "80/TCP, 443/TCP" as describeContainerPorts / describeContainerHostPorts. */
function portList(container: Container, host: boolean): string {
  return (container.ports ?? [])
    .map((p) => `${host ? (p.hostPort ?? 0) : p.containerPort}/${p.protocol ?? ''}`)
    .join(', ')
}

function describeBasicInfo(
  w: PrefixWriter,
  container: Container,
  status?: ContainerStatus,
  space = '',
): void {
  // A pod template's containers sit one space deeper (describeContainerBasicInfo's nameIndent).
  w.write(LEVEL_1, `${space.length > 0 ? ' ' : ''}${container.name}:\n`)
  if (status) w.write(LEVEL_2, `Container ID:\t${status.containerID ?? ''}\n`)
  w.write(LEVEL_2, `Image:\t${container.image ?? ''}\n`)
  if (status) w.write(LEVEL_2, `Image ID:\t${status.imageID}\n`)
  const ports = portList(container, false)
  if (ports.includes(',')) w.write(LEVEL_2, `Ports:\t${ports}\n`)
  else w.write(LEVEL_2, `Port:\t${ports || '<none>'}\n`)
  const hostPorts = portList(container, true)
  if (hostPorts.includes(',')) w.write(LEVEL_2, `Host Ports:\t${hostPorts}\n`)
  else w.write(LEVEL_2, `Host Port:\t${hostPorts || '<none>'}\n`)
}

function describeCommand(w: PrefixWriter, container: Container): void {
  for (const [title, list] of [
    ['Command', container.command],
    ['Args', container.args],
  ] as const) {
    if (list === undefined || list.length === 0) continue
    w.write(LEVEL_2, `${title}:\n`)
    for (const item of list) for (const line of item.split('\n')) w.write(LEVEL_3, `${line}\n`)
  }
}

/** describeResources: Limits then Requests, names sorted, quantities as stored. */
function describeResources(w: PrefixWriter, container: Container): void {
  for (const [title, list] of [
    ['Limits', container.resources?.limits],
    ['Requests', container.resources?.requests],
  ] as const) {
    const names = Object.keys(list ?? {}).sort(compareStrings)
    if (names.length > 0) w.write(LEVEL_2, `${title}:\n`)
    for (const name of names) w.write(LEVEL_3, `${name}:\t${quantityText(list?.[name])}\n`)
  }
}

/**
 * DescribeProbe. Unset fields print as Go zero values, as kubectl does with the object it is
 * given (a real server's objects always carry the defaults: timeout 1s, period 10s, ...).
 */
export function describeProbe(probe: Probe): string {
  const attrs =
    `delay=${probe.initialDelaySeconds ?? 0}s timeout=${probe.timeoutSeconds ?? 0}s ` +
    `period=${probe.periodSeconds ?? 0}s #success=${probe.successThreshold ?? 0} ` +
    `#failure=${probe.failureThreshold ?? 0}`
  if (probe.exec) return `exec [${(probe.exec.command ?? []).join(' ')}] ${attrs}`
  if (probe.httpGet) {
    const scheme = (probe.httpGet.scheme ?? 'HTTP').toLowerCase()
    const host = probe.httpGet.host ?? ''
    return `http-get ${scheme}://${host}:${probe.httpGet.port}${probe.httpGet.path ?? ''} ${attrs}`
  }
  if (probe.tcpSocket)
    return `tcp-socket ${probe.tcpSocket.host ?? ''}:${probe.tcpSocket.port} ${attrs}`
  if (probe.grpc) return `grpc <pod>:${probe.grpc.port} ${probe.grpc.service ?? ''} ${attrs}`
  return `unknown ${attrs}`
}

function describeProbes(w: PrefixWriter, container: Container): void {
  if (container.livenessProbe)
    w.write(LEVEL_2, `Liveness:\t${describeProbe(container.livenessProbe)}\n`)
  if (container.readinessProbe)
    w.write(LEVEL_2, `Readiness:\t${describeProbe(container.readinessProbe)}\n`)
  if (container.startupProbe)
    w.write(LEVEL_2, `Startup:\t${describeProbe(container.startupProbe)}\n`)
}

/**
 * EnvValueRetriever: kubectl converts the field path with its client scheme, which knows only
 * the default metadata.name / metadata.namespace conversion; any other path resolves to "".
 * Source: EnvValueRetriever, describe.go; DefaultMetaV1FieldSelectorConversion,
 * staging/src/k8s.io/apimachinery/pkg/runtime/conversion.go (v1.32)
 */
function resolveFieldPath(pod: Pod, fieldPath: string): string {
  if (fieldPath === 'metadata.name') return pod.metadata?.name ?? ''
  if (fieldPath === 'metadata.namespace') return pod.metadata?.namespace ?? ''
  return ''
}

function describeEnvVar(w: PrefixWriter, pod: Pod, e: EnvVar): void {
  const from = e.valueFrom
  if (from === undefined) {
    ;(e.value ?? '').split('\n').forEach((line, i) => {
      w.write(LEVEL_3, i === 0 ? `${e.name}:\t${line}\n` : `\t${line}\n`)
    })
  } else if (from.fieldRef) {
    const value = resolveFieldPath(pod, from.fieldRef.fieldPath)
    w.write(
      LEVEL_3,
      `${e.name}:\t${value} (${from.fieldRef.apiVersion ?? 'v1'}:${from.fieldRef.fieldPath})\n`,
    )
  } else if (from.resourceFieldRef) {
    // NB: ExtractContainerResourceValue is not modelled; the value is left empty.
    w.write(LEVEL_3, `${e.name}:\t (${from.resourceFieldRef.resource})\n`)
  } else if (from.secretKeyRef) {
    const { key, name = '', optional = false } = from.secretKeyRef
    w.write(
      LEVEL_3,
      `${e.name}:\t<set to the key '${key}' in secret '${name}'>\tOptional: ${optional}\n`,
    )
  } else if (from.configMapKeyRef) {
    const { key, name = '', optional = false } = from.configMapKeyRef
    w.write(
      LEVEL_3,
      `${e.name}:\t<set to the key '${key}' of config map '${name}'>\tOptional: ${optional}\n`,
    )
  }
}

function describeEnv(w: PrefixWriter, pod: Pod, container: Container): void {
  const envFrom = container.envFrom ?? []
  if (envFrom.length > 0) {
    w.write(LEVEL_2, 'Environment Variables from:\n')
    for (const e of envFrom) {
      const ref = e.configMapRef ?? e.secretRef
      const kind = e.configMapRef ? 'ConfigMap' : e.secretRef ? 'Secret' : ''
      const prefix = e.prefix ? ` with prefix '${e.prefix}'` : ''
      w.write(
        LEVEL_3,
        `${ref?.name ?? ''}\t${kind}${prefix}\tOptional: ${ref?.optional ?? false}\n`,
      )
    }
  }
  const env = container.env ?? []
  w.write(LEVEL_2, `Environment:${env.length === 0 ? '\t<none>' : ''}\n`)
  for (const e of env) describeEnvVar(w, pod, e)
}

/** describeContainerVolumes: mounts sorted by path, "(ro)" / "(rw)" and a quoted subPath. */
function describeMounts(w: PrefixWriter, container: Container): void {
  const mounts = [...(container.volumeMounts ?? [])].sort((a, b) =>
    compareStrings(a.mountPath, b.mountPath),
  )
  w.write(LEVEL_2, `Mounts:${mounts.length === 0 ? '\t<none>' : ''}\n`)
  for (const mount of mounts) {
    const flags = [mount.readOnly === true ? 'ro' : 'rw']
    if (mount.subPath) flags.push(`path=${JSON.stringify(mount.subPath)}`)
    w.write(LEVEL_3, `${mount.mountPath} from ${mount.name} (${flags.join(',')})\n`)
  }
}

/** describeContainers: "Containers:" (or " <none>") and one block per container in spec order. */
export function describeContainers(
  w: PrefixWriter,
  pod: Pod,
  label: string,
  containers: readonly Container[],
  statuses: readonly ContainerStatus[] | undefined,
  space = '',
): void {
  w.write(LEVEL_0, `${space}${label}:${containers.length === 0 ? ' <none>' : ''}\n`)
  const byName = new Map((statuses ?? []).map((s) => [s.name, s]))
  for (const container of containers) {
    const status = byName.get(container.name)
    describeBasicInfo(w, container, status, space)
    describeCommand(w, container)
    if (status) {
      describeStatus(w, 'State', status.state)
      if (status.lastState?.terminated) describeStatus(w, 'Last State', status.lastState)
      w.write(LEVEL_2, `Ready:\t${printBool(status.ready)}\n`)
      w.write(LEVEL_2, `Restart Count:\t${status.restartCount}\n`)
    }
    describeResources(w, container)
    describeProbes(w, container)
    describeEnv(w, pod, container)
    describeMounts(w, container)
  }
}
