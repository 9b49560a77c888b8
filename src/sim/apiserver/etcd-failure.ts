import type { ActorContext } from '../runtime/actor'
import type { EtcdInFlight } from './etcd-client'
import { scheduleRewatch } from './etcd-failover'
import { etcdStepFor } from './handle-write'
import { replyError } from './respond'
import type { ApiServerState, EtcdContinuation } from './state'
import { storageError } from './status'

// The API server's own start-up calls (fill the cache, create system namespaces) are retried
// until etcd answers, as its storage layer and post-start hooks do.
export const STARTUP_RETRY_MS = 1_000

/**
 * An etcd call failed (etcd's error, or the connection died under it). A client's request gets
 * the error as kube-apiserver passes a storage error through: a 500 whose message is etcd's text,
 * so kubectl prints "Error from server: etcdserver: request timed out".
 */
export function onEtcdFailure(
  ctx: ActorContext,
  state: ApiServerState,
  continuation: EtcdContinuation,
  error: string,
  call: EtcdInFlight | undefined,
): void {
  if ('ref' in continuation) {
    const ref = continuation.ref
    return replyError(ctx, ref.client, ref.requestId, storageError(error), {
      step: etcdStepFor(ref.step),
    })
  }
  switch (continuation.kind) {
    case 'list-page':
    case 'list-revision':
      return replyError(
        ctx,
        continuation.from,
        continuation.request.requestId,
        storageError(error),
        {
          step: continuation.step,
        },
      )
    case 'rewatch':
      return scheduleRewatch(ctx, state)
    case 'init-list':
    case 'init-watch':
    case 'bootstrap':
      if (call)
        ctx.setTimer(STARTUP_RETRY_MS, {
          name: 'etcd-retry',
          data: { op: call.op, continuation, options: call.options },
        })
      return
    case 'compact':
    case 'compacted':
      return
  }
}
