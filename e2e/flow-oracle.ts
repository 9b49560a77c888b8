import {
  createSimulation,
  type FlowStep,
  type RecordedAction,
  type SimEvent,
} from '../src/sim/index'

type Message = Extract<SimEvent, { type: 'MessageSent' }>

export interface StepSpan {
  first: number
  last: number
}

/**
 * The trace's own timestamps for a Pod's six steps, computed headlessly in Node by replaying the
 * page's seed and actions (the simulation is deterministic): each step's first message sent and
 * last message delivered. Independent of the app's flow tracker: steps 3–6 are the messages
 * tagged with the step and about the Pod; step 1 is kubectl's, up to its POST's arrival; step 2,
 * up to kubectl's 201 Created.
 */
export function traceSpans(
  options: { seed: number; nodes: number },
  actions: readonly RecordedAction[],
  pod: string,
): { spans: Record<FlowStep, StepSpan>; causeAtMs: number } {
  const sim = createSimulation({ seed: options.seed, nodes: options.nodes, etcdMembers: 3 })
  sim.advance(3_000)
  for (const recorded of actions) {
    sim.advanceTo(recorded.atMs)
    sim.dispatch(recorded.action)
  }
  const causeAtMs = actions[actions.length - 1]?.atMs ?? 0
  sim.advance(30_000)
  const messages = sim.trace.filter(
    (e): e is Message => e.type === 'MessageSent' && e.atMs >= causeAtMs,
  )
  const post = messages.find((m) => m.from === 'kubectl' && m.label.startsWith('POST'))
  const created = messages.find((m) => m.to === 'kubectl' && m.label.startsWith('201'))
  const running = messages.find((m) => m.label.includes('(Running)'))
  const span = (list: Message[]): StepSpan => ({
    first: Math.min(...list.map((m) => m.atMs)),
    last: Math.max(...list.map((m) => m.deliverAtMs)),
  })
  const tagged = (step: FlowStep) => messages.filter((m) => m.step === step)
  const ok = (m: Message) => m.about?.name === pod
  return {
    causeAtMs,
    spans: {
      1: span(tagged(1).filter((m) => m.deliverAtMs <= (post?.deliverAtMs ?? 0))),
      2: span(tagged(2).filter((m) => m.deliverAtMs <= (created?.deliverAtMs ?? 0))),
      3: span(tagged(3).filter(ok)),
      4: span(tagged(4).filter(ok)),
      5: span(tagged(5).filter(ok)),
      // Step 6 ends when the Running status is stored: the kubelet's 200 OK for it.
      6: span(
        tagged(6).filter(
          (m) =>
            (ok(m) || m.to.startsWith('kubelet/')) && m.atMs <= (running?.deliverAtMs ?? 0) + 1_000,
        ),
      ),
    },
  }
}
