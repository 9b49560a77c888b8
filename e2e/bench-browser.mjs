/* global window, self, requestAnimationFrame */
// npm run bench:browser [-- --nodes 5000 --pods 150000 --seconds 60 --speed 64 --port 5198
//   --heap-every 10000 --after-running 120 --stop-heap-mb 2800 --split 1 --build 1
//   --profile page.cpuprofile]
// Opens scale mode in headless Chromium (the e2e flags) against a Vite dev server it starts, and
// prints, while the cluster fills: the page's frame interval (p50/p95 of requestAnimationFrame),
// long tasks (PerformanceObserver 'longtask': count and longest, the bench's own apart, and with
// --profile each of the app's by cause: bench-longtasks.mjs), the worker → page frames
// (count, reset frame, median and p95 size in bytes of JSON), and the JavaScript heap of the
// simulation's worker and of the page after a full GC each time the workload's Pods pass a
// multiple of --heap-every (after boot, once all are Running, then every minute), with etcd's Raft
// log, the checkpoints and the trace at each point, and the heap limit. --split 1 weighs the
// checkpoints and the trace at the end by dropping them. Figures, not assertions: a forced GC is
// a pause of its own, so the frame figures of a run with heap points are a little worse.
import { spawn } from 'node:child_process'
import { chromium } from '@playwright/test'
import { attachToPage, attachToWorker, heapSlope, mb, parseHeading } from './bench-heap.mjs'
import {
  BenchOps,
  clockMarkExpression,
  countFrameBytes,
  machineLoad,
  observeLongTasks,
  reportLongTasks,
} from './bench-longtasks.mjs'

const args = Object.fromEntries(
  process.argv
    .slice(2)
    .flatMap((a, i, all) => (a.startsWith('--') ? [[a.slice(2), all[i + 1]]] : [])),
)
const nodes = Number(args.nodes ?? 5000)
const pods = Number(args.pods ?? 150000)
const seconds = Number(args.seconds ?? 60)
const speed = String(args.speed ?? 64)
const port = Number(args.port ?? process.env.E2E_PORT ?? 5198)
const heapEvery = Number(args['heap-every'] ?? 10000)
// --after-running S: stop S seconds after every Pod asked for is Running (a heap point a minute).
const afterRunningS =
  args['after-running'] === undefined ? undefined : Number(args['after-running'])
// Stop before the worker's heap reaches this (MB between GCs): a shared machine's run stays small.
const stopHeapMb = Number(args['stop-heap-mb'] ?? Infinity)
const base = `http://127.0.0.1:${port}`

// --build 1: a production build (with the test API the bench reads: `vite build --mode e2e`) on
// a static server, instead of the dev server `npm start` runs (development React, StrictMode).
// Not minified, so that the profile's attribution names the app's functions.
const build = args.build === '1'
const server = spawn(
  build ? 'sh' : 'npx',
  build
    ? [
        '-c',
        `npx vite build --mode e2e --outDir dist-bench --emptyOutDir --minify false --logLevel warn && exec node e2e/static-server.mjs ${port} dist-bench`,
      ]
    : ['vite', '--port', String(port), '--strictPort', '--host', '127.0.0.1', '--bypass-lock'],
  {
    stdio: process.env.BENCH_VERBOSE ? 'inherit' : 'ignore',
    detached: true,
  },
)
const stopServer = () => {
  try {
    process.kill(-server.pid)
  } catch {
    // already gone
  }
}
process.on('exit', stopServer)

async function waitForServer() {
  for (let i = 0; i < 480; i++) {
    try {
      if ((await fetch(base)).ok) return
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500))
  }
  throw new Error(`no dev server at ${base}`)
}

const quantile = (values, q) => {
  if (values.length === 0) return NaN
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]
}

await waitForServer()
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
  ],
})
const page = await browser.newPage({ viewport: { width: 1280, height: 800 } })
await page.addInitScript(observeLongTasks)
await page.addInitScript(() => {
  const bench = { intervals: [], measuring: false }
  window.__bench = bench
  let last = 0
  const tick = (t) => {
    if (bench.measuring && last > 0) bench.intervals.push(t - last)
    last = t
    requestAnimationFrame(tick)
  }
  requestAnimationFrame(tick)
})
// Frame sizes are counted in the worker (bench-longtasks.mjs), off the page's main thread.
page.on('worker', (worker) => {
  worker.evaluate(countFrameBytes).catch(() => undefined)
})
const ops = new BenchOps()
const loadBefore = await machineLoad()
// The simulation's worker: its HostTiming (host-timing.ts) says where its wall time goes.
const workers = []
page.on('worker', (worker) => workers.push(worker))
const hostTiming = async (reset) => {
  for (const worker of workers) {
    const timing = await worker
      .evaluate((doReset) => {
        const t = self.__kcvHostTiming
        if (!t) return undefined
        const copy = { ms: { ...t.ms }, count: { ...t.count } }
        if (doReset) t.reset()
        return copy
      }, reset)
      .catch(() => undefined)
    if (timing) return timing
  }
  return undefined
}
const started = Date.now()
await page.goto(`${base}/?scale=1&nodes=${nodes}&pods=${pods}`)
await page
  .getByTestId('scale-heading')
  .filter({ hasText: 'worker nodes' })
  .waitFor({ timeout: 600_000 })
const bootedS = (Date.now() - started) / 1000
await page.getByLabel('Speed').selectOption(speed)
const setMeasuring = async (on) => {
  await page.evaluate((v) => {
    window.__bench.measuring = v
    window.__benchLong.measuring = v
  }, on)
  for (const w of workers)
    await w
      .evaluate((v) => {
        if (self.__benchBytes) self.__benchBytes.measuring = v
      }, on)
      .catch(() => undefined)
}
await setMeasuring(true)
await hostTiming(true)
const measureStarted = Date.now()
// --profile <file>: a CPU profile of the page's main thread while measuring (.cpuprofile).
const cdp = args.profile ? await page.context().newCDPSession(page) : undefined
const intervalUs = 1000
let clockMark
if (cdp) {
  await cdp.send('Profiler.enable')
  await cdp.send('Profiler.setSamplingInterval', { interval: intervalUs })
  await cdp.send('Profiler.start')
  clockMark = await ops.around('profile clock mark', () => page.evaluate(clockMarkExpression))
}
const samples = []
// Heap points: the worker's and the page's heap after a full GC, at boot and each heapEvery Pods.
const worker = await attachToWorker(browser)
const pageHeap = await attachToPage(page)
const limitBytes = await pageHeap.limitBytes()
const heapPoints = []
let peakWorkerBytes = 0
const heapPoint = async (heading, at) => {
  const w = await worker.heap(true)
  const p = await ops.around('heap point (page GC)', () => pageHeap.heap(true))
  if (!w) return
  const stats = await worker.simStats()
  const point = {
    ...stats,
    at,
    pods: heading.pods,
    running: heading.running,
    workerBytes: w.usedSize,
    pageBytes: p.usedSize,
  }
  heapPoints.push(point)
  console.log(
    `heap at ${((Date.now() - measureStarted) / 1000).toFixed(0)} s, ${heading.pods} Pods (${heading.running} Running): worker ${mb(w.usedSize)} MB after GC (${mb(w.totalSize)} MB allocated), page ${mb(p.usedSize)} MB; Raft log ${stats?.raftEntries} entries, ${stats?.checkpoints} checkpoints holding ${stats?.checkpointObjects} objects, trace ${stats?.traceEvents} events, ${stats?.simS.toFixed(0)} virtual s`,
  )
}
const bootHeading = parseHeading(await page.getByTestId('scale-heading').textContent())
if (bootHeading) await heapPoint(bootHeading, 'boot')
let nextHeapPods = (Math.floor((bootHeading?.pods ?? 0) / heapEvery) + 1) * heapEvery
let runningAt
for (let s = 0; s < seconds; s += 10) {
  await page.waitForTimeout(Math.min(10, seconds - s) * 1000)
  const text = await ops.around('reading the heading', () =>
    page.getByTestId('scale-heading').textContent(),
  )
  samples.push(text)
  const used = (await worker.heap(false))?.usedSize ?? 0
  peakWorkerBytes = Math.max(peakWorkerBytes, used)
  const heading = parseHeading(text)
  if (!worker.alive) {
    console.log(`worker gone at ${s + 10} s (${text})`)
    break
  }
  if (used / 2 ** 20 > stopHeapMb) {
    if (heading) await heapPoint(heading, 'fill')
    console.log(`stopped: the worker's heap passed ${stopHeapMb} MB`)
    break
  }
  if (!heading) continue
  if (runningAt === undefined && heading.running >= heading.asked) {
    runningAt = s
    await heapPoint(heading, 'running')
  } else if (runningAt !== undefined) {
    // All Running: the cluster at rest (compaction, snapshots, checkpoints go on), every minute.
    if ((s - runningAt) % 60 === 50) await heapPoint(heading, 'steady')
  } else if (heading.pods >= nextHeapPods) {
    await heapPoint(heading, 'fill')
    nextHeapPods = (Math.floor(heading.pods / heapEvery) + 1) * heapEvery
  }
  if (runningAt !== undefined && afterRunningS !== undefined && s - runningAt >= afterRunningS)
    break
}
await setMeasuring(false)
let profile
if (cdp) {
  profile = (await cdp.send('Profiler.stop')).profile
  const { writeFileSync } = await import('node:fs')
  writeFileSync(args.profile, JSON.stringify(profile))
}
const loadAfter = await machineLoad()
const timing = await hostTiming(false)
const measuredMs = Date.now() - measureStarted
const bench = await page.evaluate(() => ({ ...window.__bench, ...window.__benchLong }))
const bytes = await (async () => {
  for (const w of workers) {
    const b = await w.evaluate(() => self.__benchBytes).catch(() => undefined)
    if (b) return b
  }
  return { frames: [], resets: [], fields: {}, ms: 0 }
})()
const simTimeS = await page.evaluate(() => window.__kcv?.state().simTimeMs / 1000)
const workerAlive = worker.alive
// --split 1: what the checkpoints and the trace hold at the end (they are dropped to see).
const split =
  args.split === '1' && workerAlive ? await worker.splitCheckpointsAndTrace() : undefined
await browser.close()
stopServer()

const kb = (b) => `${(b / 1024).toFixed(1)} KB`
console.log(
  `heap limit (page performance.memory.jsHeapSizeLimit): ${mb(limitBytes)} MB; worker alive: ${workerAlive}; worker's largest heap between GCs: ${mb(peakWorkerBytes)} MB`,
)
for (const p of heapPoints)
  console.log(
    `  ${p.pods} Pods: worker ${mb(p.workerBytes)} MB, page ${mb(p.pageBytes)} MB; Raft log ${p.raftEntries}, checkpoint objects ${p.checkpointObjects} (${p.at})`,
  )
if (split)
  console.log(
    `  at the end: worker ${mb(split.before)} MB; ${mb(split.before - split.noCheckpoints)} MB held by the checkpoints but the first, ${mb(split.noCheckpoints - split.noTrace)} MB by the trace`,
  )
const slope = heapSlope(heapPoints.filter((p) => p.at === 'fill'))
if (slope)
  console.log(
    `  worker heap per Pod: ${slope.endsKbPerPod.toFixed(1)} KB first to last point, ${slope.fitKbPerPod?.toFixed(1)} KB least-squares`,
  )
console.log(
  `scale mode: ${nodes} nodes, ${pods} Pods asked, ${seconds} s at ${speed}x (booted in ${bootedS.toFixed(1)} s)`,
)
for (const line of samples) console.log(`  ${line}`)
console.log(`  virtual time reached: ${simTimeS?.toFixed(1)} s`)
console.log(
  `frame interval (rAF): p50 ${quantile(bench.intervals, 0.5)?.toFixed(1)} ms, p95 ${quantile(bench.intervals, 0.95)?.toFixed(1)} ms over ${bench.intervals.length} frames`,
)
reportLongTasks({
  tasks: bench.tasks,
  frames: bench.frames,
  ops,
  profile,
  clockMark,
  intervalUs,
  load: [loadBefore, loadAfter],
})
console.log(
  `worker → page frames: ${bytes.frames.length + bytes.resets.length}; reset ${bytes.resets.map(kb).join(', ') || 'none'}; median ${kb(quantile(bytes.frames, 0.5))}, p95 ${kb(quantile(bytes.frames, 0.95))}, largest ${kb(Math.max(0, ...bytes.frames))} (counting them took the worker ${(bytes.ms / 1000).toFixed(2)} s)`,
)
const fields = Object.entries(bytes.fields)
  .map(([field, sizes]) => [field, sizes.reduce((a, b) => a + b, 0), sizes])
  .sort((a, b) => b[1] - a[1])
console.log('bytes by field (share of all frame bytes; p50 / p95 / largest per frame):')
const all = fields.reduce((sum, [, total]) => sum + total, 0) || 1
for (const [field, total, sizes] of fields.slice(0, 10))
  console.log(
    `  ${field}: ${((100 * total) / all).toFixed(0)}%; ${kb(quantile(sizes, 0.5))} / ${kb(quantile(sizes, 0.95))} / ${kb(Math.max(...sizes))}`,
  )
if (timing) {
  const busy = Object.values(timing.ms).reduce((a, b) => a + b, 0)
  const frames = Object.entries(timing.ms).filter(([phase]) => phase.startsWith('frame'))
  const frameMs = frames.reduce((a, [, ms]) => a + ms, 0)
  const pct = (ms) => `${((100 * ms) / measuredMs).toFixed(1)}%`
  console.log(
    `worker wall time over ${(measuredMs / 1000).toFixed(1)} s: advancing the sim ${pct(timing.ms.advance ?? 0)}, building + posting frames ${pct(frameMs)}, other ${pct(busy - (timing.ms.advance ?? 0) - frameMs)}, idle ${pct(measuredMs - busy)}`,
  )
  for (const [phase, ms] of Object.entries(timing.ms).sort((a, b) => b[1] - a[1]))
    console.log(
      `  ${phase}: ${(ms / 1000).toFixed(2)} s (${pct(ms)}), ${timing.count[phase]} times, ${(ms / Math.max(1, timing.count[phase])).toFixed(2)} ms each`,
    )
}
process.exit(0)
