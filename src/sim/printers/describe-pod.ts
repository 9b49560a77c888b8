/**
 * `kubectl describe pod` as kubectl v1.32 prints it (client-side), with ages taken at the
 * virtual time `nowSimMs` and absolute times in UTC (kubectl run with TZ=UTC).
 * Source: describePod, staging/src/k8s.io/kubectl/pkg/describe/describe.go (v1.32)
 */
import type { Container, Event, Pod } from 'kubernetes-types/core/v1'
import { rfc3339ToSimTime } from '../core/time'
import { parseMilliValue, quantityText } from '../model/quantity'
import { humanDuration } from './duration'
import { describeContainers } from './describe-containers'
import {
  describeEvents,
  describeVolumes,
  printAnnotationsMultiline,
  printLabelsMultiline,
  printTolerationsMultiline,
} from './describe-sections'
import { LEVEL_0, LEVEL_1, PrefixWriter, formatRfc1123z } from './describe-writer'
import { writeEscaped } from './render-table'
import { compareStrings, formatLabelSelector } from './table'

// Only cpu and memory decide the QoS class: supportedQoSComputeResources,
// staging/src/k8s.io/kubectl/pkg/util/qos/qos.go (v1.32)
const QOS_RESOURCES = ['cpu', 'memory'] as const

/**
 * status.qosClass when set, else ComputePodQOS: BestEffort without cpu/memory requests or
 * limits; Guaranteed when every container limits both and requests equal limits; else Burstable.
 * Source: GetPodQOS / ComputePodQOS, staging/src/k8s.io/kubectl/pkg/util/qos/qos.go (v1.32)
 */
export function podQosClass(pod: Pod): string {
  if (pod.status?.qosClass) return pod.status.qosClass
  const requests = new Map<string, number>()
  const limits = new Map<string, number>()
  let guaranteed = true
  const containers: Container[] = [
    ...(pod.spec?.containers ?? []),
    ...(pod.spec?.initContainers ?? []),
  ]
  for (const container of containers) {
    for (const name of QOS_RESOURCES) {
      const request = parsePositive(container.resources?.requests?.[name])
      if (request !== undefined) requests.set(name, (requests.get(name) ?? 0) + request)
      const limit = parsePositive(container.resources?.limits?.[name])
      if (limit !== undefined) limits.set(name, (limits.get(name) ?? 0) + limit)
    }
    const limited = QOS_RESOURCES.every(
      (name) => parsePositive(container.resources?.limits?.[name]) !== undefined,
    )
    if (!limited) guaranteed = false
  }
  if (requests.size === 0 && limits.size === 0) return 'BestEffort'
  if (guaranteed) {
    for (const [name, request] of requests) if (limits.get(name) !== request) guaranteed = false
  }
  return guaranteed && requests.size === limits.size ? 'Guaranteed' : 'Burstable'
}

/** A quantity in milli-units when it is > 0 (quantity.Cmp(zero) == 1), else undefined. */
function parsePositive(value: unknown): number | undefined {
  const text = quantityText(value)
  if (text === '') return undefined
  const milli = parseMilliValue(text)
  return milli > 0 ? milli : undefined
}

/** Name … Status … IP / IPs / Controlled By: the header block. */
function describeHeader(w: PrefixWriter, pod: Pod, nowSimMs: number): void {
  const spec = pod.spec
  w.write(LEVEL_0, `Name:\t${pod.metadata?.name ?? ''}\n`)
  w.write(LEVEL_0, `Namespace:\t${pod.metadata?.namespace ?? ''}\n`)
  if (spec?.priority !== undefined) w.write(LEVEL_0, `Priority:\t${spec.priority}\n`)
  if (spec?.priorityClassName) w.write(LEVEL_0, `Priority Class Name:\t${spec.priorityClassName}\n`)
  if (spec?.runtimeClassName) w.write(LEVEL_0, `Runtime Class Name:\t${spec.runtimeClassName}\n`)
  if (spec?.serviceAccountName) w.write(LEVEL_0, `Service Account:\t${spec.serviceAccountName}\n`)
  if (spec?.nodeName) w.write(LEVEL_0, `Node:\t${spec.nodeName}/${pod.status?.hostIP ?? ''}\n`)
  else w.write(LEVEL_0, 'Node:\t<none>\n')
  if (pod.status?.startTime)
    w.write(LEVEL_0, `Start Time:\t${formatRfc1123z(pod.status.startTime)}\n`)
  printLabelsMultiline(w, 'Labels', pod.metadata?.labels)
  printAnnotationsMultiline(w, 'Annotations', pod.metadata?.annotations)
  const phase = pod.status?.phase ?? ''
  const deletion = pod.metadata?.deletionTimestamp
  if (deletion && phase !== 'Failed' && phase !== 'Succeeded') {
    const deletionSimMs = rfc3339ToSimTime(deletion)
    const lasts =
      deletionSimMs === undefined ? '<unknown>' : humanDuration(nowSimMs - deletionSimMs)
    w.write(LEVEL_0, `Status:\tTerminating (lasts ${lasts})\n`)
    w.write(
      LEVEL_0,
      `Termination Grace Period:\t${pod.metadata?.deletionGracePeriodSeconds ?? 0}s\n`,
    )
  } else {
    w.write(LEVEL_0, `Status:\t${phase}\n`)
  }
  if (pod.status?.reason) w.write(LEVEL_0, `Reason:\t${pod.status.reason}\n`)
  if (pod.status?.message) w.write(LEVEL_0, `Message:\t${pod.status.message}\n`)
  w.write(LEVEL_0, `IP:\t${pod.status?.podIP ?? ''}\n`)
  const ips = pod.status?.podIPs ?? []
  if (ips.length === 0) w.write(LEVEL_0, 'IPs:\t<none>\n')
  else w.write(LEVEL_0, 'IPs:\n')
  for (const ip of ips) w.write(LEVEL_1, `IP:\t${ip.ip}\n`)
  const controller = pod.metadata?.ownerReferences?.find((ref) => ref.controller === true)
  if (controller) w.write(LEVEL_0, `Controlled By:\t${controller.kind}/${controller.name}\n`)
  if (pod.status?.nominatedNodeName) {
    w.write(LEVEL_0, `NominatedNodeName:\t${pod.status.nominatedNodeName}\n`)
  }
}

/** "Readiness Gates:" and "Conditions:" tables; cells keep upstream's trailing space. */
function describeConditions(w: PrefixWriter, pod: Pod): void {
  const conditions = pod.status?.conditions ?? []
  const gates = pod.spec?.readinessGates ?? []
  if (gates.length > 0) {
    w.write(LEVEL_0, 'Readiness Gates:\n  Type\tStatus\n')
    for (const gate of gates) {
      const status = conditions.find((c) => c.type === gate.conditionType)?.status ?? '<none>'
      w.write(LEVEL_1, `${gate.conditionType} \t${status} \n`)
    }
  }
  if (conditions.length > 0) {
    w.write(LEVEL_0, 'Conditions:\n  Type\tStatus\n')
    for (const c of conditions) w.write(LEVEL_1, `${c.type} \t${c.status} \n`)
  }
}

/**
 * "Topology Spread Constraints:" sorted by topologyKey, one constraint per line.
 * Source: describeTopologySpreadConstraints, describe.go (v1.32)
 */
function describeTopologySpreadConstraints(w: PrefixWriter, pod: Pod): void {
  const constraints = [...(pod.spec?.topologySpreadConstraints ?? [])].sort((a, b) =>
    compareStrings(a.topologyKey, b.topologyKey),
  )
  if (constraints.length === 0) return
  w.write(LEVEL_0, 'Topology Spread Constraints:\t')
  constraints.forEach((c, i) => {
    if (i !== 0) w.write(LEVEL_0, '\t')
    const selector = c.labelSelector ? ` for selector ${formatLabelSelector(c.labelSelector)}` : ''
    w.write(
      LEVEL_0,
      `${c.topologyKey}:${c.whenUnsatisfiable} when max skew ${c.maxSkew} is exceeded${selector}\n`,
    )
  })
}

/**
 * The text of `kubectl describe pod` for `pod` with its `events` (those kubectl's field
 * selector would find: involvedObject name, namespace and uid). Pass `undefined` for
 * `--show-events=false`. Pure; ages are taken at `nowSimMs`.
 */
export function describePod(
  pod: Pod,
  events: readonly Event[] | undefined,
  nowSimMs: number,
): string {
  const w = new PrefixWriter()
  describeHeader(w, pod, nowSimMs)
  const initContainers = pod.spec?.initContainers ?? []
  if (initContainers.length > 0) {
    describeContainers(w, pod, 'Init Containers', initContainers, pod.status?.initContainerStatuses)
  }
  describeContainers(
    w,
    pod,
    'Containers',
    pod.spec?.containers ?? [],
    pod.status?.containerStatuses,
  )
  const ephemeral = pod.spec?.ephemeralContainers ?? []
  if (ephemeral.length > 0) {
    const statuses = pod.status?.ephemeralContainerStatuses
    describeContainers(w, pod, 'Ephemeral Containers', ephemeral, statuses)
  }
  describeConditions(w, pod)
  describeVolumes(w, pod.spec?.volumes)
  w.write(LEVEL_0, `QoS Class:\t${podQosClass(pod)}\n`)
  printLabelsMultiline(w, 'Node-Selectors', pod.spec?.nodeSelector)
  printTolerationsMultiline(w, 'Tolerations', pod.spec?.tolerations)
  describeTopologySpreadConstraints(w, pod)
  if (events !== undefined) describeEvents(w, events, nowSimMs)
  // kubectl describe escapes the aligned text: ESC → "^[", CR → "\\r" (WriteEscaped, v1.32).
  return writeEscaped(w.text())
}
