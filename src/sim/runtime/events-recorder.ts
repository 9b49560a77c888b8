import { simTimeToRfc3339, SIM_EPOCH_UNIX_MS } from '../core/time'
import type { KubeObject } from '../model/objects'
import type { ActorContext } from './actor'
import { callApi, type ApiClientState } from './api-client'

export interface EventSource {
  component: string
  host?: string
}

/**
 * record.EventRecorder: a Kubernetes Event is an API object, POSTed like any other (and so it
 * costs an etcd write). Names follow the recorder's "<object>.<unix nanos in hex>" scheme.
 * Source: staging/src/k8s.io/client-go/tools/record/event.go makeEvent (v1.32)
 */
export function recordEvent(
  ctx: ActorContext,
  client: ApiClientState,
  involved: KubeObject,
  eventType: 'Normal' | 'Warning',
  reason: string,
  message: string,
  source: EventSource,
): void {
  const namespace = involved.metadata?.namespace ?? 'default'
  const name = involved.metadata?.name ?? ''
  const nanos = BigInt(SIM_EPOCH_UNIX_MS + ctx.nowMs) * 1_000_000n + BigInt(client.nextRequestId)
  const now = simTimeToRfc3339(ctx.nowMs)
  const about = { kind: involved.kind ?? '', name, namespace }
  const event = {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name: `${name}.${nanos.toString(16)}`, namespace },
    involvedObject: {
      kind: involved.kind,
      // A cluster-scoped object (a Node) has none; its events live in "default".
      ...(involved.metadata?.namespace !== undefined ? { namespace } : {}),
      name,
      uid: involved.metadata?.uid,
      apiVersion: involved.apiVersion,
      resourceVersion: involved.metadata?.resourceVersion,
    },
    reason,
    message,
    source,
    firstTimestamp: now,
    lastTimestamp: now,
    count: 1,
    type: eventType,
    reportingComponent: source.component,
    reportingInstance: source.host ?? '',
  }
  ctx.emit({
    type: 'KubeEventRecorded',
    reason,
    eventType,
    about,
    message,
    source: source.component,
  })
  callApi(
    ctx,
    client,
    {
      method: 'POST',
      path: `/api/v1/namespaces/${namespace}/events`,
      body: event,
      label: `POST event ${reason}`,
      about,
    },
    { purpose: 'event' },
  )
}

/** Go's time.Duration String() for whole milliseconds: 812ms, 1.5s, 2m3.4s. */
export function formatGoDuration(ms: number): string {
  if (ms < 1000) return `${ms}ms`
  const minutes = Math.floor(ms / 60_000)
  const seconds = (ms % 60_000) / 1000
  const secText = `${seconds.toFixed(3).replace(/\.?0+$/, '')}s`
  return minutes > 0 ? `${minutes}m${secText}` : secText
}
