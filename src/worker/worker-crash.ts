import { summarizeAction, type SimAction } from '../sim/index'

/**
 * An action as a notice names it: the trace's summary, and for a manifest the object it is
 * about ("kubectl apply -f - (Pod web)"), so a student knows which of their applies it was.
 */
export function describeAction(action: SimAction): string {
  const summary = summarizeAction(action)
  if (action.type !== 'runKubectl' || action.stdin === undefined) return summary
  const kind = /^kind:\s*["']?([\w.-]+)/m.exec(action.stdin)?.[1]
  const name = /\bname:\s*["']?([\w.-]+)/.exec(action.stdin)?.[1]
  return kind && name ? `${summary} (${kind} ${name})` : summary
}

/** An error meant to kill the worker (not reported and carried on from, as other errors are). */
export class WorkerCrash extends Error {}

/** Fault injection (protocol `injectWorkerCrash`): die as a bug in this action would. */
export function crashIfInjected(crashOn: readonly string[], action: SimAction): void {
  if (crashOn.length === 0) return
  const json = JSON.stringify(action)
  if (crashOn.some((p) => json.includes(p)))
    throw new WorkerCrash(`injected crash while applying ${describeAction(action)}`)
}
