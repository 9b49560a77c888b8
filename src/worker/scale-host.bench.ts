import { bench, describe } from 'vitest'
import { toWorker, type Frame, type FromWorker } from '../protocol/messages'
import { SimHost } from './host'

// Scale mode's host on the wall clock, headless: a page that acknowledges every frame at once,
// the worker's timer as a plain loop. Prints where the host's time goes (advancing the
// simulation against building frames, part by part: HostTiming) and the frames' sizes by field.
// SCALE_NODES (1,000), SCALE_PODS (10,000), SCALE_SECONDS of wall time (20).
// `npm run bench:browser` measures the same in Chromium, with the page's frame interval.
declare const process: { env: Record<string, string | undefined> }
const NODES = Number(process.env['SCALE_NODES'] ?? 1000)
const PODS = Number(process.env['SCALE_PODS'] ?? 10_000)
const SECONDS = Number(process.env['SCALE_SECONDS'] ?? 20)

const quantile = (values: number[], q: number): number => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0
}
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`

function runScaleHost(): void {
  const frames: Frame[] = []
  let timer: (() => void) | undefined
  let dueAt = 0
  let cloneMs = 0
  const host = new SimHost(
    {
      postMessage: (m: FromWorker) => {
        if (m.type !== 'frame') return
        // What postMessage's structured clone costs the worker.
        const start = performance.now()
        structuredClone(m)
        cloneMs += performance.now() - start
        frames.push(m.frame)
      },
    },
    {
      nowMs: () => performance.now(),
      setTimer: (callback, delayMs) => {
        timer = callback
        dueAt = performance.now() + delayMs
        return 1
      },
      clearTimer: () => {
        timer = undefined
      },
    },
  )
  const bootStart = performance.now()
  host.receive(
    toWorker({
      type: 'load',
      options: { seed: 1, nodes: NODES, etcdMembers: 3, controlPlanes: 1, systemPods: true },
      bootMs: 3000,
      flowControl: true,
      scale: { pods: PODS },
    }),
  )
  const bootS = (performance.now() - bootStart) / 1000
  host.receive(toWorker({ type: 'setSpeed', speed: 64 }))
  host.receive(toWorker({ type: 'play' }))
  const first = frames.length
  host.timing.reset()
  cloneMs = 0
  const start = performance.now()
  let idleMs = 0
  while (performance.now() - start < SECONDS * 1000) {
    const last = frames.at(-1)
    if (last) host.receive(toWorker({ type: 'ack', seq: last.seq }))
    const wait = dueAt - performance.now()
    if (wait > 0) {
      // The worker would sleep until its timer: counted, not spent.
      idleMs += wait
      const until = performance.now() + wait
      while (performance.now() < until);
    }
    const callback = timer
    timer = undefined
    callback?.()
  }
  const wallMs = performance.now() - start
  const played = frames.slice(first)
  const last = played.at(-1)
  const sizes = played.map((f) => JSON.stringify(f).length)
  const fields: Record<string, number[]> = {}
  for (const f of played)
    for (const [field, value] of Object.entries(f))
      (fields[field] ??= []).push(JSON.stringify(value).length)
  const { ms, count } = host.timing
  const advanceMs = ms['advance'] ?? 0
  const frameMs = Object.entries(ms)
    .filter(([p]) => p.startsWith('frame'))
    .reduce((a, [, v]) => a + v, 0)
  const pct = (v: number) => `${((100 * v) / wallMs).toFixed(1)}%`
  const lines = [
    `[scale host] ${NODES} nodes, ${PODS} Pods asked: booted in ${bootS.toFixed(1)} s; ${SECONDS} s of wall at 64x reached ${((last?.simTimeMs ?? 0) / 1000).toFixed(1)} virtual s, ${last?.scale?.totals.pods ?? 0} Pods (${last?.scale?.totals.running ?? 0} Running)`,
    `  ${played.length} frames; bytes median ${kb(quantile(sizes, 0.5))}, p95 ${kb(quantile(sizes, 0.95))}`,
    `  wall: advance ${pct(advanceMs)}, frames ${pct(frameMs)} (+ structured clone ${pct(cloneMs)}), waiting for the timer ${pct(idleMs)}`,
    ...Object.entries(ms)
      .sort((a, b) => b[1] - a[1])
      .map(
        ([phase, v]) =>
          `    ${phase}: ${pct(v)}, ${(v / Math.max(1, count[phase] ?? 1)).toFixed(2)} ms each`,
      ),
    '  bytes by field (p50 / p95 per frame):',
    ...Object.entries(fields)
      .map(([f, s]) => [f, s.reduce((a, b) => a + b, 0), s] as const)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 8)
      .map(([f, , s]) => `    ${f}: ${kb(quantile(s, 0.5))} / ${kb(quantile(s, 0.95))}`),
  ]
  console.log(lines.join('\n'))
}

describe('scale mode host', () => {
  bench('fills the cluster on the wall clock', runScaleHost, { iterations: 1, warmupIterations: 0 })
})
