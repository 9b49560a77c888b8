import type { AnyActor } from './cluster'
import type { ShareBase } from './checkpoint-policy'
import { peekEvent } from './core/event-queue'
import { PinLedger } from './core/pin-ledger'
import type { KernelState } from './runtime/kernel'

/**
 * The actors copied or shared together by checkpoints: the processes of one machine, which may
 * share its kernel's state (kube-proxy writes the node's netfilter rules, the runtime's data path
 * reads and counts in them), except the kubelet, which keeps no object in common with the other
 * processes of its node (it talks to the runtime by messages only; checkpoint-sharing.test.ts
 * checks it). At rest a node's kubelet renews its Lease every 10 s while its kube-proxy and
 * runtime do nothing: they keep their last copies.
 */
export function shareGroupOf(actor: Pick<AnyActor, 'id' | 'kind' | 'host'>): string {
  return actor.kind === 'kubelet' ? actor.id : actor.host
}

/**
 * Which share groups' actors may have changed since a kept copy of the kernel (the last
 * checkpoint taken or restored), so the next checkpoint shares the copies of the others. An
 * event changes only the actors of the group it is for: a handler gets its own state and sends
 * messages (the kernel's queue and network are always copied). Anything else that may reach into
 * actors (a user action) marks them all.
 */
export class ChangedActors implements ShareBase {
  /** Births and sizes of the frozen values the copies share, to weigh what they pin. */
  readonly pins = new PinLedger()
  private from: KernelState<AnyActor> | undefined
  /** The kernel the events ran on since `from`, to find the machines of `actors`. */
  private kernel: KernelState<AnyActor> | undefined
  /**
   * The actors events were for. Their groups are looked up once per checkpoint (base), not
   * once per event: the actor table is a large dictionary, the set of ids a cheap hash.
   */
  private readonly actors = new Set<string>()
  private everything = true

  /** The kernel now equals `copy` (a checkpoint was just taken, or restored). */
  since(copy: KernelState<AnyActor>): void {
    this.from = copy
    this.actors.clear()
    this.everything = false
  }

  /** Something other than an event ran: any actor may have changed. */
  all(): void {
    this.everything = true
  }

  /** The kernel is about to process its next queued item: its actor's machine may change. */
  beforeNext(kernel: KernelState<AnyActor>): void {
    if (this.everything) return
    const item = peekEvent(kernel.queue)
    if (!item) return
    this.kernel = kernel
    this.actors.add(item.type === 'deliver' ? item.envelope.to : item.actor)
  }

  /** What a checkpoint taken now may share (nothing before the first). */
  base(): ReturnType<ShareBase['base']> {
    if (!this.from) return undefined
    if (this.everything) return { from: this.from, changedGroups: 'all' }
    const groups = new Set<string>()
    const actors = this.kernel?.actors ?? {}
    for (const id of this.actors) {
      const actor = actors[id]
      if (actor !== undefined) groups.add(shareGroupOf(actor))
    }
    return { from: this.from, changedGroups: groups }
  }
}
