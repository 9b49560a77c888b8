import type { AnyActor } from './cluster'
import type { ShareBase } from './checkpoint-policy'
import { peekEvent } from './core/event-queue'
import type { KernelState } from './runtime/kernel'

/**
 * Which machines' actors may have changed since a kept copy of the kernel (the last checkpoint
 * taken or restored), so the next checkpoint shares the copies of the others. An event changes
 * only the actors of the machine it is for: a handler gets its own state and sends messages (the
 * kernel's queue and network are always copied), and the processes of one machine may share its
 * kernel's state (kube-proxy writes the node's netfilter rules, the runtime's data path reads and
 * counts in them). Anything else that may reach into actors (a user action) marks them all.
 */
export class ChangedActors implements ShareBase {
  private from: KernelState<AnyActor> | undefined
  /** The kernel the events ran on since `from`, to find the machines of `actors`. */
  private kernel: KernelState<AnyActor> | undefined
  /**
   * The actors events were for. Their machines are looked up once per checkpoint (base), not
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
    if (this.everything) return { from: this.from, changedHosts: 'all' }
    const hosts = new Set<string>()
    const actors = this.kernel?.actors ?? {}
    for (const id of this.actors) {
      const host = actors[id]?.host
      if (host !== undefined) hosts.add(host)
    }
    return { from: this.from, changedHosts: hosts }
  }
}
