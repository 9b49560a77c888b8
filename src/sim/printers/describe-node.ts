/**
 * `kubectl describe node`.
 * Source: NodeDescriber.describeNode, describeNodeResource, getPodsTotalRequestsAndLimits,
 * staging/src/k8s.io/kubectl/pkg/describe/describe.go; resourcehelper.PodRequestsAndLimits,
 * staging/src/k8s.io/kubectl/pkg/util/resource (v1.32).
 */
import type { Lease } from 'kubernetes-types/coordination/v1'
import type { Event, Node, Pod } from 'kubernetes-types/core/v1'
import { rfc3339ToSimTime } from '../core/time'
import {
  formatBytes,
  formatMilliCpu,
  isValidQuantity,
  parseMilliValue,
  parseValue,
  quantityText,
} from '../model/quantity'
import {
  describeEvents,
  printAnnotationsMultiline,
  printLabelsMultiline,
} from './describe-sections'
import { LEVEL_0, LEVEL_1, PrefixWriter, formatRfc1123z } from './describe-writer'
import { humanDuration } from './duration'
import { nodeRoles } from './node-table'
import { compareStrings } from './table'

/** Quantity.String() for the resources describe prints: cpu in milli, bytes in binary units. */
function canonical(resource: string, milli: number): string {
  if (resource === 'cpu') return formatMilliCpu(milli)
  if (milli === 0) return '0'
  return resource === 'memory' ||
    resource.startsWith('hugepages') ||
    resource === 'ephemeral-storage'
    ? formatBytes(Math.ceil(milli / 1000))
    : String(Math.ceil(milli / 1000))
}

const milliOf = (value: unknown): number => {
  const text = quantityText(value)
  return text !== '' && isValidQuantity(text) ? parseMilliValue(text) : 0
}

/** Capacity / Allocatable: each quantity in its canonical form (Quantity.String()). */
function printQuantities(
  w: PrefixWriter,
  title: string,
  list: Record<string, unknown> | undefined,
): void {
  if (!list || Object.keys(list).length === 0) return
  w.write(LEVEL_0, `${title}:\n`)
  for (const name of Object.keys(list).sort(compareStrings)) {
    const text = quantityText(list[name])
    const shown =
      name === 'cpu' || !isValidQuantity(text) || !text.endsWith('i')
        ? text
        : formatBytes(parseValue(text))
    w.write(LEVEL_1, `${name}:\t${shown}\n`)
  }
}

/** PodRequestsAndLimits: the sum over containers, or the largest init container if bigger. */
function podTotals(pod: Pod): { requests: Record<string, number>; limits: Record<string, number> } {
  const sum = (field: 'requests' | 'limits') => {
    const out: Record<string, number> = {}
    for (const c of pod.spec?.containers ?? [])
      for (const [name, value] of Object.entries(c.resources?.[field] ?? {}))
        out[name] = (out[name] ?? 0) + milliOf(value)
    for (const c of pod.spec?.initContainers ?? [])
      for (const [name, value] of Object.entries(c.resources?.[field] ?? {}))
        out[name] = Math.max(out[name] ?? 0, milliOf(value))
    return out
  }
  return { requests: sum('requests'), limits: sum('limits') }
}

const percent = (part: number, whole: number): number =>
  whole === 0 ? 0 : Math.trunc((part / whole) * 100)

function cell(resource: string, milli: number, allocatable: number): string {
  return `${canonical(resource, milli)} (${percent(milli, allocatable)}%)`
}

function describePods(w: PrefixWriter, node: Node, pods: readonly Pod[], nowSimMs: number): void {
  const allocatable = node.status?.allocatable ?? {}
  const cpu = milliOf(allocatable['cpu'])
  const memory = milliOf(allocatable['memory'])
  w.write(LEVEL_0, `Non-terminated Pods:\t(${pods.length} in total)\n`)
  w.write(
    LEVEL_1,
    'Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n',
  )
  w.write(
    LEVEL_1,
    '---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n',
  )
  const total = { requests: {} as Record<string, number>, limits: {} as Record<string, number> }
  for (const pod of pods) {
    const { requests, limits } = podTotals(pod)
    for (const [k, v] of Object.entries(requests)) total.requests[k] = (total.requests[k] ?? 0) + v
    for (const [k, v] of Object.entries(limits)) total.limits[k] = (total.limits[k] ?? 0) + v
    const created = rfc3339ToSimTime(pod.metadata?.creationTimestamp ?? '')
    const age = created === undefined ? '<unknown>' : humanDuration(nowSimMs - created)
    w.write(
      LEVEL_1,
      `${pod.metadata?.namespace ?? ''}\t${pod.metadata?.name ?? ''}\t\t${cell('cpu', requests['cpu'] ?? 0, cpu)}\t${cell('cpu', limits['cpu'] ?? 0, cpu)}\t${cell('memory', requests['memory'] ?? 0, memory)}\t${cell('memory', limits['memory'] ?? 0, memory)}\t${age}\n`,
    )
  }
  w.write(
    LEVEL_0,
    'Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n',
  )
  w.write(LEVEL_1, 'Resource\tRequests\tLimits\n')
  w.write(LEVEL_1, '--------\t--------\t------\n')
  const rows: [string, number][] = [
    ['cpu', cpu],
    ['memory', memory],
    ['ephemeral-storage', milliOf(allocatable['ephemeral-storage'])],
  ]
  for (const [name, whole] of rows)
    w.write(
      LEVEL_1,
      `${name}\t${cell(name, total.requests[name] ?? 0, whole)}\t${cell(name, total.limits[name] ?? 0, whole)}\n`,
    )
}

function describeConditions(w: PrefixWriter, node: Node): void {
  const conditions = node.status?.conditions ?? []
  if (conditions.length === 0) return
  w.write(
    LEVEL_0,
    'Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n',
  )
  w.write(LEVEL_1, '----\t------\t-----------------\t------------------\t------\t-------\n')
  for (const c of conditions)
    w.write(
      LEVEL_1,
      `${c.type} \t${c.status} \t${formatRfc1123z(c.lastHeartbeatTime)} \t${formatRfc1123z(c.lastTransitionTime)} \t${c.reason ?? ''} \t${c.message ?? ''}\n`,
    )
}

function describeLease(w: PrefixWriter, lease: Lease | undefined): void {
  w.write(LEVEL_0, 'Lease:\n')
  if (!lease) {
    w.write(LEVEL_1, 'Failed to get lease: <unset>\n')
    return
  }
  const spec = lease.spec
  w.write(LEVEL_1, `HolderIdentity:\t${spec?.holderIdentity ?? '<unset>'}\n`)
  w.write(
    LEVEL_1,
    `AcquireTime:\t${spec?.acquireTime ? formatRfc1123z(spec.acquireTime) : '<unset>'}\n`,
  )
  w.write(LEVEL_1, `RenewTime:\t${spec?.renewTime ? formatRfc1123z(spec.renewTime) : '<unset>'}\n`)
}

export function describeNode(
  node: Node,
  pods: readonly Pod[],
  events: readonly Event[] | undefined,
  lease: Lease | undefined,
  nowSimMs: number,
): string {
  const w = new PrefixWriter()
  const status = node.status
  w.write(LEVEL_0, `Name:\t${node.metadata?.name ?? ''}\n`)
  w.write(LEVEL_0, `Roles:\t${nodeRoles(node)}\n`)
  printLabelsMultiline(w, 'Labels', node.metadata?.labels)
  printAnnotationsMultiline(w, 'Annotations', node.metadata?.annotations)
  w.write(LEVEL_0, `CreationTimestamp:\t${formatRfc1123z(node.metadata?.creationTimestamp)}\n`)
  const taints = node.spec?.taints ?? []
  w.write(LEVEL_0, 'Taints:\t')
  if (taints.length === 0) w.writeLine('<none>')
  taints.forEach((t, i) => {
    if (i !== 0) w.write(LEVEL_0, '\t')
    w.write(LEVEL_0, `${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}\n`)
  })
  w.write(LEVEL_0, `Unschedulable:\t${node.spec?.unschedulable === true ? 'true' : 'false'}\n`)
  describeLease(w, lease)
  describeConditions(w, node)
  w.write(LEVEL_0, 'Addresses:\n')
  for (const a of status?.addresses ?? []) w.write(LEVEL_1, `${a.type}:\t${a.address}\n`)
  printQuantities(w, 'Capacity', status?.capacity)
  printQuantities(w, 'Allocatable', status?.allocatable)
  const info = status?.nodeInfo
  w.write(LEVEL_0, 'System Info:\n')
  w.write(LEVEL_0, `  Machine ID:\t${info?.machineID ?? ''}\n`)
  w.write(LEVEL_0, `  System UUID:\t${info?.systemUUID ?? ''}\n`)
  w.write(LEVEL_0, `  Boot ID:\t${info?.bootID ?? ''}\n`)
  w.write(LEVEL_0, `  Kernel Version:\t${info?.kernelVersion ?? ''}\n`)
  w.write(LEVEL_0, `  OS Image:\t${info?.osImage ?? ''}\n`)
  w.write(LEVEL_0, `  Operating System:\t${info?.operatingSystem ?? ''}\n`)
  w.write(LEVEL_0, `  Architecture:\t${info?.architecture ?? ''}\n`)
  w.write(LEVEL_0, `  Container Runtime Version:\t${info?.containerRuntimeVersion ?? ''}\n`)
  w.write(LEVEL_0, `  Kubelet Version:\t${info?.kubeletVersion ?? ''}\n`)
  w.write(LEVEL_0, `  Kube-Proxy Version:\t${info?.kubeProxyVersion ?? ''}\n`)
  if (node.spec?.podCIDR) w.write(LEVEL_0, `PodCIDR:\t${node.spec.podCIDR}\n`)
  if ((node.spec?.podCIDRs ?? []).length > 0)
    w.write(LEVEL_0, `PodCIDRs:\t${(node.spec?.podCIDRs ?? []).join(',')}\n`)
  if (node.spec?.providerID) w.write(LEVEL_0, `ProviderID:\t${node.spec.providerID}\n`)
  describePods(w, node, pods, nowSimMs)
  if (events) describeEvents(w, events, nowSimMs)
  return w.text()
}
