import type { Container, Pod, PodSpec, Probe, Toleration } from 'kubernetes-types/core/v1'
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

/**
 * SetDefaults_Probe and SetDefaults_HTTPGetAction (core/v1/defaults.go, v1.32): a zero (unset)
 * timeout is 1 s, period 10 s, thresholds 1 and 3; an HTTP probe gets path "/" and scheme HTTP.
 */
function defaultProbe(probe: Probe | undefined): void {
  if (!probe) return
  probe.timeoutSeconds = unlessZero(probe.timeoutSeconds, 1)
  probe.periodSeconds = unlessZero(probe.periodSeconds, 10)
  probe.successThreshold = unlessZero(probe.successThreshold, 1)
  probe.failureThreshold = unlessZero(probe.failureThreshold, 3)
  if (probe.httpGet) {
    probe.httpGet.path = unlessZero(probe.httpGet.path, '/')
    probe.httpGet.scheme = unlessZero(probe.httpGet.scheme, 'HTTP')
  }
}

/** Go's defaulting tests for the zero value: absent, 0 and "" all get the default. */
function unlessZero<T extends string | number>(value: T | undefined, fallback: T): T {
  return value === undefined || value === 0 || value === '' ? fallback : value
}

/** SetDefaults_Container, SetDefaults_ContainerPort and the probes' defaults (core/v1/defaults.go). */
function defaultContainer(container: Container): void {
  container.imagePullPolicy = unlessZero(
    container.imagePullPolicy,
    defaultPullPolicy(container.image ?? ''),
  )
  container.terminationMessagePath ??= '/dev/termination-log'
  container.terminationMessagePolicy ??= 'File'
  container.resources ??= {}
  for (const port of container.ports ?? []) port.protocol = unlessZero(port.protocol, 'TCP')
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
  // A decoded spec may lack containers (a nil slice in Go): validation reports it.
  ;((spec.containers as Container[] | undefined) ?? []).forEach(defaultContainer)
  ;(spec.initContainers ?? []).forEach(defaultContainer)
}

/**
 * SetDefaults_Pod (core/v1/defaults.go): a container's limits without requests become its
 * requests (on Pods only, not templates), and service links are on; then the spec's defaults.
 */
export function defaultPod(pod: Pod): void {
  const spec = pod.spec
  if (!spec) return
  const containers = (spec.containers as Container[] | undefined) ?? []
  for (const container of [...containers, ...(spec.initContainers ?? [])]) {
    const limits = container.resources?.limits
    if (!limits) continue
    const requests = { ...container.resources?.requests }
    for (const [name, value] of Object.entries(limits)) requests[name] ??= value
    container.resources = { ...container.resources, requests }
  }
  spec.enableServiceLinks ??= true
  defaultPodSpec(spec)
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

/**
 * Mutating admission for a new (defaulted) Pod, then the strategy's PrepareForCreate. The
 * ServiceAccount and Priority plugins need the API server's objects: see handle-write.ts admitPod.
 */
export function admitNewPod(pod: Pod): void {
  const spec = pod.spec
  if (!spec) return
  // Admission plugin DefaultTolerationSeconds.
  addDefaultTolerations(spec)
  // podStrategy.PrepareForCreate: status is not the client's to set (pkg/registry/core/pod/strategy.go).
  writable(pod).status = { phase: 'Pending', qosClass: podQosClass(spec) }
}
