import type { SimAction } from '../../sim/index'
import type { ItemData } from '../format/schema'
import { formatDuration } from '../format/duration'
import type { Facts } from '../vocab/facts'
import type { Check } from '../vocab/conditions/kind'
import { compileCondition, describeCondition, type Condition } from '../vocab/conditions/registry'
import { actionKind } from '../vocab/actions/registry'
import type { CommandIds } from '../vocab/actions/kind'

const DEFAULT_WAIT_FOR_MS = 60_000

/** One item in words: what "show me" is doing now. */
export function describeItem(item: ItemData): string {
  const record = item as Record<string, unknown>
  if (record['wait'] !== undefined) return `wait ${formatDuration(record['wait'] as number)}`
  if (record['waitFor'] !== undefined)
    return `wait until ${describeCondition(record['waitFor'] as Condition)}`
  const [key] = Object.keys(record).filter((k) => record[k] !== undefined)
  return actionKind(key ?? '')?.describe(record[key ?? ''] as never) ?? String(key)
}

/**
 * Runs a list of scenario items over virtual time: each action resolves against the cluster as
 * it is at that instant and is dispatched as SimActions; `wait` and `waitFor` hold the script
 * until time passes or a condition holds. The same runner plays scenarios (fast, when a step
 * begins), "show me" in the app (instant by instant as the simulation plays) and the headless
 * lesson runner, so all three do the same thing.
 */
export class Script {
  private readonly items: readonly ItemData[]
  private readonly ids: CommandIds
  private index = 0
  private waitUntilMs: number | undefined
  private waitCheck: Check | undefined
  private waitDeadlineMs = 0
  private waitLimitMs = 0
  private failure: string | undefined

  constructor(items: readonly ItemData[], ids: CommandIds) {
    this.items = items
    this.ids = ids
  }

  /** Every item ran, and no wait is still holding (a trailing `wait` counts until it ends). */
  get done(): boolean {
    if (this.failure !== undefined) return true
    return (
      this.index >= this.items.length &&
      this.waitUntilMs === undefined &&
      this.waitCheck === undefined
    )
  }

  get error(): string | undefined {
    return this.failure
  }

  /** When a `wait` ends: the caller must stop the clock there. */
  get dueAtMs(): number | undefined {
    return this.waitUntilMs
  }

  /** What the script is doing or waiting for now. */
  get current(): string | undefined {
    const item = this.items[this.index]
    return item === undefined || this.failure !== undefined ? undefined : describeItem(item)
  }

  /** Runs every item that is due at this instant. */
  pump(facts: Facts, dispatch: (action: SimAction) => void): void {
    while (!this.done) {
      if (!this.waiting(facts)) return
      if (this.index >= this.items.length) return
      const item = this.items[this.index] as Record<string, unknown>
      if (item['wait'] !== undefined) {
        this.waitUntilMs = facts.nowMs + (item['wait'] as number)
        this.index++
        continue
      }
      if (item['waitFor'] !== undefined) {
        this.waitCheck = compileCondition(item['waitFor'] as Condition, facts.baseline())
        this.waitLimitMs = (item['within'] as number | undefined) ?? DEFAULT_WAIT_FOR_MS
        this.waitDeadlineMs = facts.nowMs + this.waitLimitMs
        this.index++
        continue
      }
      const [key] = Object.keys(item).filter((k) => item[k] !== undefined)
      const kind = actionKind(key ?? '')
      const resolution = kind?.resolve(item[key ?? ''] as never, facts, this.ids) ?? {
        error: `unknown action "${String(key)}"`,
      }
      if ('error' in resolution) {
        this.failure = `${describeItem(item)}: ${resolution.error}`
        return
      }
      for (const action of resolution.actions) dispatch(action)
      this.index++
    }
  }

  /** True when nothing holds the script back any more. */
  private waiting(facts: Facts): boolean {
    if (this.waitUntilMs !== undefined) {
      if (facts.nowMs < this.waitUntilMs) return false
      this.waitUntilMs = undefined
    }
    if (this.waitCheck) {
      const verdict = this.waitCheck(facts)
      if (verdict.met) this.waitCheck = undefined
      else if (facts.nowMs >= this.waitDeadlineMs) {
        const item = this.items[this.index - 1]
        this.failure = `${item ? describeItem(item) : 'wait'}: still not true after ${formatDuration(this.waitLimitMs)} (${verdict.why})`
        return false
      } else return false
    }
    return true
  }
}
