import { bench, describe } from 'vitest'
import { toWorker, type Frame, type FromWorker } from '../protocol/messages'
import { sampleScenario } from '../protocol/scenario/sample-scenario'
import { decodeScenarioQuery, encodeScenarioQuery } from '../protocol/scenario/url-codec'
import { SimHost } from './host'

// Shareable scenarios: how long a class's link is, and how long the worker's host takes to
// replay it to its end when the link is opened (the time before the student sees the state).
const scenario = sampleScenario(50)
const url = `https://kube-viz.example.org/course/?${encodeScenarioQuery(scenario)}`

/** Opens the link in a host, as the page does: decode, load with replay, seek to its time. */
function openLink(): { wallMs: number; frame: Frame | undefined } {
  const decoded = decodeScenarioQuery(new URL(url).search)
  if (decoded.kind !== 'scenario') throw new Error('the sample scenario must decode')
  const s = decoded.scenario
  let frame: Frame | undefined
  const host = new SimHost(
    {
      postMessage: (m: FromWorker) => {
        if (m.type === 'frame') frame = m.frame
        if (m.type === 'scenarioRefused') throw new Error(m.reason)
      },
    },
    { nowMs: () => 0, setTimer: () => 0, clearTimer: () => undefined },
  )
  const start = performance.now()
  host.receive(
    toWorker({
      type: 'load',
      options: { seed: s.seed, nodes: s.nodes, etcdMembers: s.etcdMembers },
      bootMs: 3_000,
      replay: s.actions,
      seekMs: s.timeMs,
      fallback: { seed: 1 },
    }),
  )
  return { wallMs: performance.now() - start, frame }
}

const plainJson = encodeURIComponent(JSON.stringify(scenario.actions)).length
const runs = [openLink(), openLink(), openLink()]
const times = runs.map((r) => r.wallMs).sort((a, b) => a - b)
const pods = runs[0]?.frame?.reset?.objects.filter((o) => o.kind === 'Pod').length ?? 0
console.log(
  `[scenario] 50-action link: ${url.length} characters (the action log alone as plain JSON would be ${plainJson}); ` +
    `opening it replays ${(scenario.timeMs / 1000).toFixed(1)} s of virtual time to ${pods} Pods in ` +
    `${Math.round(times[1] ?? 0)} ms of wall time in the worker's host (median of 3; min ${Math.round(times[0] ?? 0)}, max ${Math.round(times[2] ?? 0)})`,
)

describe('scenario links', () => {
  bench(
    'open a 50-action link in the host (decode, replay, seek)',
    () => {
      openLink()
    },
    { iterations: 3, warmupIterations: 0 },
  )
})
