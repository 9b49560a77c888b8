/**
 * A recorder for the correlator's tests: one kubelet's client and correlator, a clock the test
 * moves, and every write it sends (method, path, the PATCH's count or the POST's Event).
 */
import { componentCredential } from '../apiserver/authn/credentials'
import type { KubeObject } from '../model/objects'
import { createApiClient, takePending } from '../runtime/api-client'
import {
  createEventCorrelator,
  onEventResponse,
  recordCorrelatedEvent,
  type CorrelatedEvent,
} from '../runtime/event-correlator'

export interface SentWrite {
  method: string
  path: string
  requestId: number
  /** The PATCH's count, or the POSTed Event's. */
  count: number
  message: string
  /** The POSTed Event's name, or the PATCHed one's (the path's last part). */
  name: string
  atMs: number
}

export interface RecordOptions {
  pod?: string
  uid?: string
  reason?: string
  message?: string
  type?: 'Normal' | 'Warning'
  fieldPath?: string
}

export function eventRecorder() {
  const sent: SentWrite[] = []
  const ctx = {
    nowMs: 1_000,
    self: 'kubelet/node-1',
    send: (_to: string, body: unknown) => {
      const r = body as { method: string; path: string; body?: string; requestId: number }
      const parsed = JSON.parse(r.body ?? '{}') as {
        count: number
        message: string
        metadata?: { name: string }
      }
      sent.push({
        method: r.method,
        path: r.path,
        requestId: r.requestId,
        count: parsed.count,
        message: parsed.message,
        name: parsed.metadata?.name ?? r.path.split('/').pop() ?? '',
        atMs: ctx.nowMs,
      })
    },
    setTimer: () => undefined,
    emit: () => undefined,
  }
  const client = createApiClient(componentCredential('system:node:node-1', []), 'apiserver')
  const correlator = createEventCorrelator()
  const event = (o: RecordOptions = {}): CorrelatedEvent => {
    const pod = o.pod ?? 'my-pod'
    const involved: KubeObject = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: pod, namespace: 'my-ns', uid: o.uid ?? `uid-${pod}` },
    }
    return {
      involved,
      ...(o.fieldPath !== undefined ? { fieldPath: o.fieldPath } : {}),
      type: o.type ?? 'Normal',
      reason: o.reason ?? 'Pulling',
      message: o.message ?? 'Pulling image "nginx"',
      source: { component: 'kubelet', host: 'node-1' },
    }
  }
  const record = (o: RecordOptions = {}): SentWrite | undefined => {
    const before = sent.length
    recordCorrelatedEvent(ctx, client, correlator, event(o))
    return sent.length > before ? sent[sent.length - 1] : undefined
  }
  /** The API server's answer to a write: a 404 to a PATCH makes the recorder POST it. */
  const answer = (write: SentWrite, code: number): void => {
    const response = { type: 'http-response' as const, requestId: write.requestId, code, body: {} }
    const pending = takePending(client, response)
    if (pending) onEventResponse(ctx, client, pending, code)
  }
  const at = (ms: number): void => {
    ctx.nowMs = ms
  }
  return { sent, record, answer, at, ctx, client, correlator }
}
