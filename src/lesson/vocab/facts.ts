import {
  summarizePod,
  type ComponentInfo,
  type ContainerView,
  type EtcdClusterView,
  type KubeObject,
  type LoadMetersView,
  type SchedulerView,
  type SimEvent,
  type Simulation,
} from '../../sim/index'

/** A Pod as goals read it: `kubectl get pods -o wide`'s columns plus labels and uid. */
export interface PodFact {
  name: string
  namespace: string
  uid: string
  labels: Readonly<Record<string, string>>
  /** kubectl's STATUS column: Running, Pending, ContainerCreating, Terminating … */
  status: string
  phase: string
  node: string
  /** kubectl's RESTARTS column: the containers' restart counts, summed. */
  restarts: number
}

/** Where a step's window starts: what "since this step began" means for every check. */
export interface StepBaseline {
  atMs: number
  /**
   * The trace's length (sequence number of its next entry) when the step began: trace checks
   * look at what came after.
   */
  traceLength: number
  /** The etcd term and leader when the step began ("a new leader in a higher term"). */
  etcdTerm: number
  etcdLeader: string
}

/**
 * Read-only, lazily computed facts about the simulation at one instant. Each read is cached
 * for as long as it can be: stored objects until the etcd revision moves, the rest until the
 * clock does. So checking goals after every instant costs almost nothing when nothing changed.
 */
export class Facts {
  readonly sim: Simulation
  private objectsAt = -1
  private objectsCache: KubeObject[] = []
  private keysCache: string[] = []
  private podsCache: PodFact[] | undefined
  private instant = -1
  private etcdCache: EtcdClusterView | undefined
  private componentsCache: ComponentInfo[] | undefined
  private schedulerCache: SchedulerView | undefined | null
  private containersCache: ContainerView[] | undefined
  private loadCache: LoadMetersView | undefined

  constructor(sim: Simulation) {
    this.sim = sim
  }

  get nowMs(): number {
    return this.sim.nowMs
  }

  get trace(): readonly SimEvent[] {
    return this.sim.trace
  }

  /** Sequence number of `trace[0]` (a bounded trace drops its oldest entries; 0 otherwise). */
  get traceStart(): number {
    return this.sim.traceStart
  }

  private fresh(): void {
    const now = this.sim.nowMs * 1e6 + this.sim.traceEnd
    if (now === this.instant) return
    this.instant = now
    this.etcdCache = undefined
    this.componentsCache = undefined
    this.schedulerCache = null
    this.containersCache = undefined
    this.loadCache = undefined
  }

  /** Every object stored in etcd (as the most up-to-date member holds it). */
  objects(): readonly KubeObject[] {
    const revision = this.sim.revision
    if (revision !== this.objectsAt) {
      const snapshot = this.sim.snapshot()
      this.objectsCache = snapshot.objects
      this.keysCache = snapshot.keys
      this.objectsAt = revision
      this.podsCache = undefined
    }
    return this.objectsCache
  }

  /** The etcd key of each stored object (/registry/pods/default/web …). */
  keys(): readonly string[] {
    this.objects()
    return this.keysCache
  }

  pods(): readonly PodFact[] {
    const objects = this.objects()
    this.podsCache ??= objects.filter((o) => o.kind === 'Pod').map(podFact)
    return this.podsCache
  }

  etcd(): EtcdClusterView {
    this.fresh()
    this.etcdCache ??= this.sim.etcd()
    return this.etcdCache
  }

  components(): readonly ComponentInfo[] {
    this.fresh()
    this.componentsCache ??= this.sim.components()
    return this.componentsCache
  }

  /** The API servers' load meters and kubectl's last list (sim.loadMeters). */
  loadMeters(): LoadMetersView {
    this.fresh()
    this.loadCache ??= this.sim.loadMeters()
    return this.loadCache
  }

  scheduler(): SchedulerView | undefined {
    this.fresh()
    if (this.schedulerCache === null) this.schedulerCache = this.sim.schedulerView()
    return this.schedulerCache
  }

  containers(): readonly ContainerView[] {
    this.fresh()
    this.containersCache ??= this.sim.containers()
    return this.containersCache
  }

  /** The command line a kubectl run was started with (from the action log). */
  commandOf(commandId: string): string | undefined {
    const actions = this.sim.actions
    for (let i = actions.length - 1; i >= 0; i--) {
      const a = actions[i]?.action
      if (a?.type === 'runKubectl' && a.commandId === commandId) return a.command
    }
    return undefined
  }

  /** The etcd term and leader now: what a step remembers when it begins. */
  baseline(): StepBaseline {
    const etcd = this.etcd()
    const leader = etcd.members.find((m) => m.running && m.role === 'leader')
    return {
      atMs: this.sim.nowMs,
      traceLength: this.sim.traceEnd,
      etcdTerm: Math.max(0, ...etcd.members.map((m) => m.term)),
      etcdLeader: leader?.id ?? '',
    }
  }
}

function podFact(pod: KubeObject): PodFact {
  const status = pod['status'] as
    { phase?: string; containerStatuses?: { restartCount?: number }[] } | undefined
  const spec = pod['spec'] as { nodeName?: string } | undefined
  return {
    name: pod.metadata?.name ?? '',
    namespace: pod.metadata?.namespace ?? 'default',
    uid: pod.metadata?.uid ?? '',
    labels: pod.metadata?.labels ?? {},
    status: summarizePod(pod as Parameters<typeof summarizePod>[0]).reason,
    phase: status?.phase ?? '',
    node: spec?.nodeName ?? '',
    restarts: (status?.containerStatuses ?? []).reduce((n, c) => n + (c.restartCount ?? 0), 0),
  }
}
