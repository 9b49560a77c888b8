/**
 * Pieces of `kubectl describe` shared by many kinds: label and annotation blocks, tolerations,
 * volumes and the Events table.
 * Source: staging/src/k8s.io/kubectl/pkg/describe/describe.go (v1.32), functions named below.
 */
import type { Event, Toleration, Volume } from 'kubernetes-types/core/v1'
import { humanDuration } from './duration'
import type { PrefixWriter } from './describe-writer'
import { LEVEL_0, LEVEL_1, LEVEL_2, LEVEL_3 } from './describe-writer'
import { rfc3339ToSimTime } from '../core/time'
import { compareStrings, firstNonEmpty } from './table'

/**
 * Go's %v of a *bool, as v1.32 prints projected sources' Optional: "<nil>" when unset.
 * NB: a set pointer prints as a memory address upstream; "true"/"false" is printed instead.
 */
const goBoolPointer = (value: boolean | undefined): string =>
  value === undefined ? '<nil>' : String(value)

/** Go's fmt %v of a bool. */
const goBool = (value: boolean | undefined): string => (value === true ? 'true' : 'false')

/** printLabelsMultiline: "Title:\tk=v" then "\tk2=v2" lines, sorted; "<none>" when empty. */
export function printLabelsMultiline(
  w: PrefixWriter,
  title: string,
  labels: Readonly<Record<string, string>> | undefined,
): void {
  w.write(LEVEL_0, `${title}:\t`)
  const keys = Object.keys(labels ?? {}).sort(compareStrings)
  if (keys.length === 0) {
    w.writeLine('<none>')
    return
  }
  keys.forEach((key, i) => {
    if (i !== 0) w.write(LEVEL_0, '\t')
    w.write(LEVEL_0, `${key}=${labels?.[key] ?? ''}\n`)
  })
}

// skipAnnotations and maxAnnotationLen = 140, describe.go (v1.32)
const SKIP_ANNOTATIONS = new Set(['kubectl.kubernetes.io/last-applied-configuration'])
const MAX_ANNOTATION_LEN = 140

/** Go len() of a string is its UTF-8 byte length. */
function byteLength(text: string): number {
  let bytes = 0
  for (const char of text) {
    const codePoint = char.codePointAt(0) ?? 0
    bytes += codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4
  }
  return bytes
}

/** printAnnotationsMultiline: long or multi-line values go on their own indented lines. */
export function printAnnotationsMultiline(
  w: PrefixWriter,
  title: string,
  annotations: Readonly<Record<string, string>> | undefined,
): void {
  w.write(LEVEL_0, `${title}:\t`)
  const keys = Object.keys(annotations ?? {})
    .filter((key) => !SKIP_ANNOTATIONS.has(key))
    .sort(compareStrings)
  if (keys.length === 0) {
    w.writeLine('<none>')
    return
  }
  keys.forEach((key, i) => {
    if (i !== 0) w.write(LEVEL_0, '\t')
    const value = (annotations?.[key] ?? '').replace(/\n$/, '')
    if (byteLength(value) + byteLength(key) + 2 > MAX_ANNOTATION_LEN || value.includes('\n')) {
      w.write(LEVEL_0, `${key}:\n`)
      for (const line of value.split('\n')) {
        // shorten(s, maxAnnotationLen-2) cuts bytes; ASCII values are assumed here.
        const short = line.length > MAX_ANNOTATION_LEN - 2 ? `${line.slice(0, 138)}...` : line
        w.write(LEVEL_0, `\t  ${short}\n`)
      }
    } else {
      w.write(LEVEL_0, `${key}: ${value}\n`)
    }
  })
}

/** printPodTolerationsMultiline: sorted by key (a stable sort, like sort.Slice on few items). */
export function printTolerationsMultiline(
  w: PrefixWriter,
  title: string,
  tolerations: readonly Toleration[] | undefined,
): void {
  w.write(LEVEL_0, `${title}:\t`)
  const sorted = [...(tolerations ?? [])].sort((a, b) => compareStrings(a.key ?? '', b.key ?? ''))
  if (sorted.length === 0) {
    w.writeLine('<none>')
    return
  }
  sorted.forEach((t, i) => {
    if (i !== 0) w.write(LEVEL_0, '\t')
    let text = t.key ?? ''
    if (t.value) text += `=${t.value}`
    if (t.effect) text += `:${t.effect}`
    if (t.operator === 'Exists' && !t.value) text += t.key || t.effect ? ' op=Exists' : 'op=Exists'
    if (t.tolerationSeconds !== undefined) text += ` for ${t.tolerationSeconds}s`
    w.write(LEVEL_0, `${text}\n`)
  })
}

/** One volume's details; types not modelled here print "<unknown>" as upstream's default. */
function describeVolumeSource(w: PrefixWriter, volume: Volume): void {
  if (volume.projected) {
    w.write(
      LEVEL_2,
      'Type:\tProjected (a volume that contains injected data from multiple sources)\n',
    )
    for (const source of volume.projected.sources ?? []) {
      if (source.secret) {
        w.write(LEVEL_2, `SecretName:\t${source.secret.name ?? ''}\n`)
        w.write(LEVEL_0, `    SecretOptional:\t${goBoolPointer(source.secret.optional)}\n`)
      } else if (source.downwardAPI) {
        w.write(LEVEL_2, 'DownwardAPI:\ttrue\n')
      } else if (source.configMap) {
        w.write(LEVEL_2, `ConfigMapName:\t${source.configMap.name ?? ''}\n`)
        w.write(LEVEL_0, `    ConfigMapOptional:\t${goBoolPointer(source.configMap.optional)}\n`)
      } else if (source.serviceAccountToken) {
        w.write(
          LEVEL_2,
          `TokenExpirationSeconds:\t${source.serviceAccountToken.expirationSeconds ?? 3600}\n`,
        )
      }
    }
  } else if (volume.configMap) {
    w.write(LEVEL_2, 'Type:\tConfigMap (a volume populated by a ConfigMap)\n')
    w.write(LEVEL_0, `    Name:\t${volume.configMap.name ?? ''}\n`)
    w.write(LEVEL_0, `    Optional:\t${goBool(volume.configMap.optional)}\n`)
  } else if (volume.secret) {
    w.write(LEVEL_2, 'Type:\tSecret (a volume populated by a Secret)\n')
    w.write(LEVEL_0, `    SecretName:\t${volume.secret.secretName ?? ''}\n`)
    w.write(LEVEL_0, `    Optional:\t${goBool(volume.secret.optional)}\n`)
  } else if (volume.emptyDir) {
    w.write(LEVEL_2, "Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n")
    w.write(LEVEL_0, `    Medium:\t${volume.emptyDir.medium ?? ''}\n`)
    w.write(LEVEL_0, `    SizeLimit:\t${volume.emptyDir.sizeLimit ?? '<unset>'}\n`)
  } else if (volume.hostPath) {
    w.write(LEVEL_2, 'Type:\tHostPath (bare host directory volume)\n')
    w.write(LEVEL_0, `    Path:\t${volume.hostPath.path}\n`)
    w.write(LEVEL_0, `    HostPathType:\t${volume.hostPath.type ?? '<none>'}\n`)
  } else if (volume.persistentVolumeClaim) {
    w.write(
      LEVEL_2,
      'Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)\n',
    )
    w.write(LEVEL_0, `    ClaimName:\t${volume.persistentVolumeClaim.claimName}\n`)
    w.write(LEVEL_0, `    ReadOnly:\t${goBool(volume.persistentVolumeClaim.readOnly)}\n`)
  } else if (volume.downwardAPI) {
    w.write(LEVEL_2, 'Type:\tDownwardAPI (a volume populated by information about the pod)\n')
    w.write(LEVEL_0, '    Items:\n')
    for (const item of volume.downwardAPI.items ?? []) {
      if (item.fieldRef) w.write(LEVEL_3, `${item.fieldRef.fieldPath} -> ${item.path}\n`)
      if (item.resourceFieldRef)
        w.write(LEVEL_3, `${item.resourceFieldRef.resource} -> ${item.path}\n`)
    }
  } else {
    w.write(LEVEL_1, '<unknown>\n')
  }
}

/** describeVolumes: "Volumes:\t<none>" or one block per volume. */
export function describeVolumes(
  w: PrefixWriter,
  volumes: readonly Volume[] | undefined,
  space = '',
): void {
  if (volumes === undefined || volumes.length === 0) {
    w.write(LEVEL_0, `${space}Volumes:\t<none>\n`)
    return
  }
  w.write(LEVEL_0, `${space}Volumes:\n`)
  for (const volume of volumes) {
    w.write(LEVEL_1, `${volume.name}:\n`)
    describeVolumeSource(w, volume)
  }
}

/** translateTimestampSince / translateMicroTimestampSince of describe.go. */
function since(timestamp: string | null | undefined, nowSimMs: number): string {
  const at = timestamp ? rfc3339ToSimTime(timestamp) : undefined
  return at === undefined ? '<unknown>' : humanDuration(nowSimMs - at)
}

/** The AGE cell: "5m", or "30s (x40 over 11m)" for repeated events. */
function eventInterval(event: Event, nowSimMs: number): string {
  const first = event.eventTime
    ? since(event.eventTime, nowSimMs)
    : since(event.firstTimestamp, nowSimMs)
  if (event.series) {
    return `${since(event.series.lastObservedTime, nowSimMs)} (x${event.series.count ?? 0} over ${first})`
  }
  if ((event.count ?? 0) > 1) {
    return `${since(event.lastTimestamp, nowSimMs)} (x${event.count ?? 0} over ${first})`
  }
  return first
}

/**
 * DescribeEvents: "Events:\t<none>", or a Flush and then the Type/Reason/Age/From/Message table
 * sorted by lastTimestamp (SortableEvents; stable here, as Go's insertion sort for ≤ 12 items).
 */
export function describeEvents(w: PrefixWriter, events: readonly Event[], nowSimMs: number): void {
  if (events.length === 0) {
    w.write(LEVEL_0, 'Events:\t<none>\n')
    return
  }
  w.flush()
  const lastSimMs = (e: Event): number =>
    (e.lastTimestamp ? rfc3339ToSimTime(e.lastTimestamp) : undefined) ?? Number.NEGATIVE_INFINITY
  const sorted = [...events].sort((a, b) => lastSimMs(a) - lastSimMs(b))
  w.write(LEVEL_0, 'Events:\n  Type\tReason\tAge\tFrom\tMessage\n')
  w.write(LEVEL_1, '----\t------\t----\t----\t-------\n')
  for (const e of sorted) {
    const source = firstNonEmpty(e.source?.component, e.reportingComponent)
    const message = (e.message ?? '').trim()
    w.write(
      LEVEL_1,
      `${e.type ?? ''}\t${e.reason ?? ''}\t${eventInterval(e, nowSimMs)}\t${source}\t${message}\n`,
    )
  }
}
