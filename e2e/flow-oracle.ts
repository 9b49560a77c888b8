import {
  createSimulation,
  type FlowStep,
  type RecordedAction,
  type SimEvent,
  type SimulationOptions,
} from '../src/sim/index'
import { simulationOptions, type RunOptions } from '../src/store/run-options'

type Message = Extract<SimEvent, { type: 'MessageSent' }>

export interface StepSpan {
  first: number
  last: number
}

/**
 * A run of `npm run serve`: its options (not the page's), and when the real kubectl's request
 * that started the flow arrived (other requests come after it: the trace's last is not it).
 */
export interface ServedRun {
  options: SimulationOptions
  causeAtMs: number
}

/**
 * The trace's own timestamps for a Pod's six steps, computed headlessly in Node by replaying the
 * page's seed and actions (the simulation is deterministic): each step's first message sent and
 * last message delivered. Independent of the app's flow tracker: steps 3–6 are the messages
 * tagged with the step and about the Pod; step 1 is kubectl's, up to its POST's arrival; step 2,
 * up to kubectl's 201 Created.
 */
export function traceSpans(
  run: RunOptions,
  actions: readonly RecordedAction[],
  pod: string,
  served?: ServedRun,
): { spans: Record<FlowStep, StepSpan>; causeAtMs: number } {
  // The page's own cluster (system Pods, control planes …), so the trace is the page's; or the
  // served simulation's, which the page attached to.
  const sim = createSimulation(served?.options ?? simulationOptions(run))
  sim.advance(3_000)
  for (const recorded of actions) {
    sim.advanceTo(recorded.atMs)
    sim.dispatch(recorded.action)
  }
  const causeAtMs = served?.causeAtMs ?? actions[actions.length - 1]?.atMs ?? 0
  sim.advance(30_000)
  const messages = sim.trace.filter(
    (e): e is Message => e.type === 'MessageSent' && e.atMs >= causeAtMs,
  )
  const post = messages.find((m) => m.from === 'kubectl' && m.label.startsWith('POST'))
  const created = messages.find((m) => m.to === 'kubectl' && m.label.startsWith('201'))
  const ok = (m: Message) => m.about?.name === pod
  // The followed Pod's own Running report: system Pods post theirs on the same kubelets.
  const running = messages.find((m) => m.label.includes('(Running)') && ok(m))
  const span = (list: Message[]): StepSpan => ({
    first: Math.min(...list.map((m) => m.atMs)),
    last: Math.max(...list.map((m) => m.deliverAtMs)),
  })
  const tagged = (step: FlowStep) => messages.filter((m) => m.step === step)
  return {
    causeAtMs,
    spans: {
      1: span(tagged(1).filter((m) => m.deliverAtMs <= (post?.deliverAtMs ?? 0))),
      2: span(tagged(2).filter((m) => m.deliverAtMs <= (created?.deliverAtMs ?? 0))),
      3: span(tagged(3).filter(ok)),
      4: span(tagged(4).filter(ok)),
      5: span(tagged(5).filter(ok)),
      // Step 6 ends when the Running status is stored: the kubelet's 200 OK for it (every
      // message of the exchange, responses included, is about the Pod).
      6: span(tagged(6).filter((m) => ok(m) && m.atMs <= (running?.deliverAtMs ?? 0) + 1_000)),
    },
  }
}
