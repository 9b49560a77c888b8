/* global window, self, requestAnimationFrame */
// npm run bench:browser [-- --nodes 5000 --pods 150000 --seconds 60 --speed 64 --port 5198]
// Opens scale mode in headless Chromium (the e2e flags) against a Vite dev server it starts, and
// prints, while the cluster fills: the page's frame interval (p50/p95 of requestAnimationFrame),
// long tasks (PerformanceObserver 'longtask': count and longest), and the worker → page frames
// (count, reset frame, median and p95 size in bytes of JSON). Figures, not assertions.
import { spawn } from 'node:child_process'
import { chromium } from '@playwright/test'

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
const base = `http://127.0.0.1:${port}`

const server = spawn(
  'npx',
  ['vite', '--port', String(port), '--strictPort', '--host', '127.0.0.1', '--bypass-lock'],
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
  for (let i = 0; i < 120; i++) {
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
await page.addInitScript(() => {
  const bench = {
    intervals: [],
    longTasks: [],
    frameBytes: [],
    resetBytes: [],
    fieldBytes: {},
    measuring: false,
  }
  window.__bench = bench
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if (bench.measuring) bench.longTasks.push(entry.duration)
  }).observe({ type: 'longtask', buffered: false })
  let last = 0
  const tick = (t) => {
    if (bench.measuring && last > 0) bench.intervals.push(t - last)
    last = t
    requestAnimationFrame(tick)
  }
  requestAnimationFrame(tick)
  // Frame sizes as JSON text (about what structured cloning copies); measured on the page, so
  // this adds a little main-thread work of its own.
  const Native = window.Worker
  window.Worker = class extends Native {
    constructor(url, options) {
      super(url, options)
      this.addEventListener('message', (event) => {
        if (event.data?.type !== 'frame') return
        const bytes = JSON.stringify(event.data).length
        if (event.data.frame.reset) {
          bench.resetBytes.push(bytes)
          return
        }
        bench.frameBytes.push(bytes)
        if (!bench.measuring) return
        // Which parts of a frame its bytes are in (the scale part split once more).
        const { scale, ...rest } = event.data.frame
        const parts = {
          ...rest,
          ...(scale
            ? Object.fromEntries(Object.entries(scale).map(([k, v]) => [`scale.${k}`, v]))
            : {}),
        }
        for (const [field, value] of Object.entries(parts)) {
          const size = JSON.stringify(value)?.length ?? 0
          const sizes = (bench.fieldBytes[field] ??= [])
          sizes.push(size)
        }
      })
    }
  }
})
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
await page.evaluate(() => {
  window.__bench.measuring = true
})
await hostTiming(true)
const measureStarted = Date.now()
// --profile <file>: a CPU profile of the page's main thread while measuring (.cpuprofile).
const cdp = args.profile ? await page.context().newCDPSession(page) : undefined
if (cdp) {
  await cdp.send('Profiler.enable')
  await cdp.send('Profiler.start')
}
const samples = []
for (let s = 0; s < seconds; s += 10) {
  await page.waitForTimeout(Math.min(10, seconds - s) * 1000)
  samples.push(await page.getByTestId('scale-heading').textContent())
}
if (cdp) {
  const { profile } = await cdp.send('Profiler.stop')
  const { writeFileSync } = await import('node:fs')
  writeFileSync(args.profile, JSON.stringify(profile))
}
const timing = await hostTiming(false)
const measuredMs = Date.now() - measureStarted
const bench = await page.evaluate(() => window.__bench)
const simTimeS = await page.evaluate(() => window.__kcv?.state().simTimeMs / 1000)
await browser.close()
stopServer()

const kb = (b) => `${(b / 1024).toFixed(1)} KB`
console.log(
  `scale mode: ${nodes} nodes, ${pods} Pods asked, ${seconds} s at ${speed}x (booted in ${bootedS.toFixed(1)} s)`,
)
for (const line of samples) console.log(`  ${line}`)
console.log(`  virtual time reached: ${simTimeS?.toFixed(1)} s`)
console.log(
  `frame interval (rAF): p50 ${quantile(bench.intervals, 0.5)?.toFixed(1)} ms, p95 ${quantile(bench.intervals, 0.95)?.toFixed(1)} ms over ${bench.intervals.length} frames`,
)
console.log(
  `long tasks: ${bench.longTasks.length}, longest ${bench.longTasks.length ? Math.max(...bench.longTasks).toFixed(0) : 0} ms`,
)
console.log(
  `worker → page frames: ${bench.frameBytes.length + bench.resetBytes.length}; reset ${bench.resetBytes.map(kb).join(', ') || 'none'}; median ${kb(quantile(bench.frameBytes, 0.5))}, p95 ${kb(quantile(bench.frameBytes, 0.95))}, largest ${kb(Math.max(0, ...bench.frameBytes))}`,
)
const fields = Object.entries(bench.fieldBytes)
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
