import type { SimClient } from '../../client/sim-client'
import type { FaultContext, FaultPlan } from '../../protocol/faults/catalog'
import type { AppState } from '../../store/store'

/** What the failure panel and the presets read: the cluster as the store has it now. */
export function faultContextOf(
  state: Pick<AppState, 'components' | 'etcd' | 'pods'>,
): FaultContext {
  return { components: state.components, etcd: state.etcd, pods: state.pods }
}

/**
 * Dispatches a fault plan: each step is one recorded action; a timed plan records each step's
 * heal as a follow-up the simulation applies by itself when due (so a replay heals it too).
 */
export function injectPlan(client: SimClient, plan: FaultPlan): void {
  for (const step of plan.steps)
    client.dispatch(
      step.action,
      plan.healAfterMs !== undefined && step.heal.length > 0
        ? { afterMs: plan.healAfterMs, actions: step.heal }
        : undefined,
    )
}

/** Self-healing durations the panel offers (virtual time). */
export const HEAL_AFTER_CHOICES = [
  { label: 'never (heal it yourself)', ms: undefined },
  { label: 'after 10 s', ms: 10_000 },
  { label: 'after 30 s', ms: 30_000 },
  { label: 'after 1 min', ms: 60_000 },
  { label: 'after 2 min', ms: 120_000 },
] as const
