import type { Container, Pod, PodSpec, Probe, Toleration } from 'kubernetes-types/core/v1'
import type { ReplicaSet } from 'kubernetes-types/apps/v1'
import { parseMilliValue, quantityText } from '../../model/quantity'
import { writable } from '../../model/objects'

// defaultTerminationGracePeriodSeconds = 30: DefaultTerminationGracePeriodSeconds, k8s.io/api core/v1/types.go (v1.32)
const DEFAULT_TERMINATION_GRACE_SECONDS = 30
// 300 s: --default-not-ready-toleration-seconds / --default-unreachable-toleration-seconds,
// plugin/pkg/admission/defaulttolerationseconds/admission.go (v1.32)
const DEFAULT_TOLERATION_SECONDS = 300

/** imagePullPolicy default: Always for ":latest" or no tag, IfNotPresent otherwise (core/v1/defaults.go SetDefaults_Container). */
export function defaultPullPolicy(image: string): 'Always' | 'IfNotPresent' {
  const lastSegment = image.split('/').pop() ?? image
  if (lastSegment.includes('@')) return 'IfNotPresent'
  const tag = lastSegment.includes(':') ? lastSegment.split(':').pop() : undefined
  return tag === undefined || tag === 'latest' ? 'Always' : 'IfNotPresent'
}

/** SetDefaults_Probe and SetDefaults_HTTPGetAction (pkg/apis/core/v1/defaults.go, v1.32). */
function defaultProbe(probe: Probe | undefined): void {
  if (!probe) return
  probe.timeoutSeconds ||= 1
  probe.periodSeconds ||= 10
  probe.successThreshold ||= 1
  probe.failureThreshold ||= 3
  if (probe.httpGet) {
    probe.httpGet.path ||= '/'
    probe.httpGet.scheme ||= 'HTTP'
  }
}

function defaultContainer(container: Container): void {
  container.imagePullPolicy ??= defaultPullPolicy(container.image ?? '')
  container.terminationMessagePath ??= '/dev/termination-log'
  container.terminationMessagePolicy ??= 'File'
  container.resources ??= {}
  for (const port of container.ports ?? []) port.protocol ??= 'TCP'
  defaultProbe(container.livenessProbe)
  defaultProbe(container.readinessProbe)
  defaultProbe(container.startupProbe)
}

/** SetDefaults_PodSpec (pkg/apis/core/v1/defaults.go, v1.32), applied to pods and templates. */
export function defaultPodSpec(spec: PodSpec): void {
  spec.restartPolicy ??= 'Always'
  spec.dnsPolicy ??= 'ClusterFirst'
  spec.terminationGracePeriodSeconds ??= DEFAULT_TERMINATION_GRACE_SECONDS
  spec.securityContext ??= {}
  spec.schedulerName ??= 'default-scheduler'
  spec.enableServiceLinks ??= true
  spec.containers.forEach(defaultContainer)
  ;(spec.initContainers ?? []).forEach(defaultContainer)
}

/** DefaultTolerationSeconds admission: tolerate not-ready/unreachable NoExecute for 300 s. */
function addDefaultTolerations(spec: PodSpec): void {
  const tolerations: Toleration[] = spec.tolerations ?? []
  for (const key of ['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable']) {
    const present = tolerations.some(
      (t) =>
        (t.key === key || (t.key === undefined && t.operator === 'Exists')) &&
        (t.effect === undefined || t.effect === 'NoExecute'),
    )
    if (!present)
      tolerations.push({
        key,
        operator: 'Exists',
        effect: 'NoExecute',
        tolerationSeconds: DEFAULT_TOLERATION_SECONDS,
      })
  }
  spec.tolerations = tolerations
}

/** QoS class as GetPodQOS (pkg/apis/core/helper/qos/qos.go, v1.32), for cpu and memory. */
export function podQosClass(spec: PodSpec): 'Guaranteed' | 'Burstable' | 'BestEffort' {
  const containers = [...spec.containers, ...(spec.initContainers ?? [])]
  let anySet = false
  let allGuaranteed = true
  for (const c of containers) {
    for (const resource of ['cpu', 'memory']) {
      const request = c.resources?.requests?.[resource]
      const limit = c.resources?.limits?.[resource]
      if (request !== undefined || limit !== undefined) anySet = true
      const effectiveRequest = request ?? limit
      if (
        limit === undefined ||
        effectiveRequest === undefined ||
        parseMilliValue(quantityText(limit)) !== parseMilliValue(quantityText(effectiveRequest))
      ) {
        allGuaranteed = false
      }
    }
  }
  if (!anySet) return 'BestEffort'
  return allGuaranteed ? 'Guaranteed' : 'Burstable'
}

/** Defaults and mutating admission for a new Pod, then the strategy's PrepareForCreate. */
export function admitNewPod(pod: Pod): void {
  const spec = pod.spec
  if (!spec) return
  defaultPodSpec(spec)
  // Admission plugins ServiceAccount and DefaultTolerationSeconds (Priority: admission/priority.ts).
  spec.serviceAccountName ??= 'default'
  spec.serviceAccount ??= spec.serviceAccountName
  addDefaultTolerations(spec)
  // podStrategy.PrepareForCreate: status is not the client's to set (pkg/registry/core/pod/strategy.go).
  writable(pod).status = { phase: 'Pending', qosClass: podQosClass(spec) }
}

/** SetDefaults_ReplicaSet: replicas 1; the template gets pod-spec defaults (apps/v1/defaults.go). */
export function defaultReplicaSet(rs: ReplicaSet): void {
  const spec = rs.spec
  if (!spec) return
  spec.replicas ??= 1
  const templateSpec = spec.template?.spec
  if (templateSpec) defaultPodSpec(templateSpec)
  writable(rs).status = { replicas: 0 }
}
