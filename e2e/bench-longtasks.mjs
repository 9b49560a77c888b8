/* global window, self */
// Long tasks on the page's main thread for npm run bench:browser, and what each one was.
// - The page records every 'longtask' entry and every 'long-animation-frame' (LoAF: the scripts
//   that ran in it, by invoker, and its style/layout/paint time), with epoch start times.
// - The bench records its own operations on the page (a forced GC for a heap point, reading the
//   heading) as wall-clock windows: a long task that overlaps one is the bench's, not the app's.
// - With a CPU profile of the main thread (--profile), each long task's samples say where its
//   time went: GC, native rendering, a file of the app, or no sample at all (the thread was not
//   running: another process had the CPU).
// - The worker's frames are measured in the worker (JSON text of each posted frame), so the
//   page's main thread runs only the app and the two observers.

/** Init script for the page (serialised by Playwright: it must not close over anything). */
export function observeLongTasks() {
  const long = { measuring: false, tasks: [], frames: [] }
  window.__benchLong = long
  const origin = performance.timeOrigin
  new PerformanceObserver((list) => {
    if (!long.measuring) return
    for (const e of list.getEntries())
      long.tasks.push({
        at: origin + e.startTime,
        ms: e.duration,
        by: (e.attribution ?? []).map((a) => `${a.containerType}:${a.name}`).join(' '),
      })
  }).observe({ type: 'longtask', buffered: false })
  try {
    new PerformanceObserver((list) => {
      if (!long.measuring) return
      for (const e of list.getEntries())
        long.frames.push({
          at: origin + e.startTime,
          ms: e.duration,
          blocking: e.blockingDuration,
          render: e.renderStart > 0 ? e.startTime + e.duration - e.renderStart : 0,
          scripts: e.scripts.map((s) => ({
            invoker: s.invoker,
            source: `${s.sourceFunctionName || '(anonymous)'} ${(s.sourceURL || '').replace(/^.*\//, '')}`,
            ms: s.duration,
            layout: s.forcedStyleAndLayoutDuration,
          })),
        })
    }).observe({ type: 'long-animation-frame', buffered: false })
  } catch {
    // no LoAF in this browser: the long tasks alone
  }
}

/**
 * Installed in the simulation's worker: counts the JSON text of each frame it posts (about what
 * structured cloning copies), and what counting cost the worker (it runs inside the host's
 * 'frame: postMessage (clone)' lap).
 */
export function countFrameBytes() {
  const stats = { measuring: false, frames: [], resets: [], fields: {}, ms: 0 }
  self.__benchBytes = stats
  const post = self.postMessage.bind(self)
  self.postMessage = (message, ...rest) => {
    post(message, ...rest)
    if (message?.type !== 'frame') return
    const started = performance.now()
    const bytes = JSON.stringify(message).length
    if (message.frame.reset) stats.resets.push(bytes)
    else stats.frames.push(bytes)
    if (stats.measuring && !message.frame.reset) {
      // Which parts of a frame its bytes are in (the scale part split once more).
      const { scale, ...rest } = message.frame
      const parts = { ...rest }
      for (const [k, v] of Object.entries(scale ?? {})) parts[`scale.${k}`] = v
      for (const [field, value] of Object.entries(parts))
        (stats.fields[field] ??= []).push(JSON.stringify(value)?.length ?? 0)
    }
    stats.ms += performance.now() - started
  }
}

/** The bench's own operations on the page, as wall-clock windows. */
export class BenchOps {
  windows = []
  async around(what, fn) {
    const from = Date.now()
    try {
      return await fn()
    } finally {
      this.windows.push({ what, from, to: Date.now() })
    }
  }
  /** The bench operation a task overlaps (with a margin for the two clocks), if any. */
  overlapping(task, marginMs = 20) {
    return this.windows.find(
      (w) => task.at < w.to + marginMs && task.at + task.ms > w.from - marginMs,
    )?.what
  }
}

/** How busy the machine is: load average and CPU pressure (share of time something waited). */
export async function machineLoad() {
  const { readFile } = await import('node:fs/promises')
  const load = (await readFile('/proc/loadavg', 'utf8').catch(() => '')).split(' ').slice(0, 3)
  const psi = await readFile('/proc/pressure/cpu', 'utf8').catch(() => '')
  const some = /some avg10=([\d.]+) avg60=([\d.]+)/.exec(psi)
  return { load: load.join(' '), waiting10s: some?.[1], waiting60s: some?.[2] }
}

const MARK = '__benchClockMark'

/** Busy-waits 8 ms in a named function, so the profile can be lined up with the page's clock. */
export const clockMarkExpression = `(() => { function ${MARK}() { const at = performance.timeOrigin + performance.now(); const end = performance.now() + 8; while (performance.now() < end); return at } return ${MARK}() })()`

const classify = (stack) => {
  const leaf = stack[0]
  if (leaf.functionName === '(garbage collector)') return 'GC'
  if (leaf.functionName === '(program)') return 'native (style, layout, paint, messaging)'
  if (leaf.functionName === '(idle)') return 'idle'
  for (const frame of stack) {
    const url = frame.url
    if (!url) continue
    if (/react-dom|scheduler|react\b|react\.|zustand|use-sync-external-store/.test(url)) continue
    // A production bundle (one file): the function, by name (the bench builds it unminified).
    if (/\/assets\/[^/]+\.js/.test(url)) return `bundle: ${frame.functionName || '(anonymous)'}`
    const file = url.replace(/[?#].*$/, '').replace(/^.*\/(src|node_modules)\//, '$1/')
    return file.startsWith('node_modules/') ? file.split('/').slice(0, 2).join('/') : file
  }
  if (stack.some((f) => /react-dom|scheduler/.test(f.url))) return 'React (render, commit)'
  if (stack.some((f) => /zustand|use-sync-external-store/.test(f.url))) return 'zustand'
  return stack.some((f) => f.url) ? 'library' : 'no script URL (bench evaluate, native)'
}

/**
 * Lines a CPU profile up with the page's clock (the clock mark's first sample) and splits each
 * long task's time by what its samples were. Time between two samples beyond twice the sampling
 * interval is 'not sampled': the thread was not running (or the sampler was not).
 */
export function attributeTasks(profile, marks, tasks, intervalUs) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]))
  const parent = new Map()
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id)
  const stackOf = (id) => {
    const stack = []
    for (let at = id; at !== undefined; at = parent.get(at)) stack.push(byId.get(at).callFrame)
    return stack
  }
  const times = []
  let t = profile.startTime
  for (const d of profile.timeDeltas) times.push((t += d))
  const k = profile.samples.findIndex((id) => stackOf(id).some((f) => f.functionName === MARK))
  if (k < 0) return undefined
  const first = { offset: marks.start - times[k] / 1000 }
  const categories = new Map()
  const cache = new Map()
  const capMs = (2 * intervalUs) / 1000
  const per = tasks.map((task) => {
    const split = new Map()
    const from = (task.at - first.offset) * 1000
    const to = (task.at + task.ms - first.offset) * 1000
    const add = (key, v) => split.set(key, (split.get(key) ?? 0) + v)
    for (let k = 0; k < times.length - 1; k++) {
      if (times[k] < from || times[k] >= to) continue
      const id = profile.samples[k]
      if (!cache.has(id)) cache.set(id, classify(stackOf(id)))
      const span = Math.min(times[k + 1], to) - times[k]
      const ms = span / 1000
      add(cache.get(id), Math.min(ms, capMs))
      if (ms > capMs) add('not sampled (thread not running)', ms - capMs)
    }
    // What no sample covers (the task began in a gap between samples) was not running either.
    const covered = [...split.values()].reduce((a, v) => a + v, 0)
    if (task.ms > covered) add('not sampled (thread not running)', task.ms - covered)
    for (const [k, v] of split) categories.set(k, (categories.get(k) ?? 0) + v)
    const sorted = [...split].sort((a, b) => b[1] - a[1])
    return { ...task, split: sorted }
  })
  return {
    offsetMs: first.offset,
    tasks: per,
    categories: [...categories].sort((a, b) => b[1] - a[1]),
  }
}

/** The long animation frame a task ran in, summarised: its scripts by invoker and source. */
export function frameOf(frames, task) {
  const f = frames.find((x) => x.at <= task.at + 1 && x.at + x.ms >= task.at + task.ms - 1)
  if (!f) return ''
  const scripts = f.scripts
    .filter((s) => s.ms >= 5)
    .map(
      (s) =>
        `${s.invoker} → ${s.source} ${s.ms.toFixed(0)} ms${s.layout > 5 ? ` (layout ${s.layout.toFixed(0)})` : ''}`,
    )
  return `LoAF ${f.ms.toFixed(0)} ms, render ${f.render.toFixed(0)} ms${scripts.length ? `: ${scripts.join('; ')}` : ''}`
}

const ms = (v) => `${v.toFixed(0)} ms`

/** Prints the long tasks: the bench's apart from the app's, each of the app's by its causes. */
export function reportLongTasks({ tasks, frames, ops, profile, clockMark, intervalUs, load }) {
  for (const [when, l] of [
    ['before', load[0]],
    ['after', load[1]],
  ])
    console.log(
      `machine ${when}: load average ${l.load}; CPU pressure (some task waiting) ${l.waiting10s}% over 10 s, ${l.waiting60s}% over 60 s`,
    )
  const bench = tasks.filter((t) => ops.overlapping(t))
  const app = tasks.filter((t) => !ops.overlapping(t))
  const longest = (list) => (list.length ? Math.max(...list.map((t) => t.ms)) : 0)
  console.log(
    `long tasks: ${tasks.length}, longest ${ms(longest(tasks))}; during the bench's own operations ${bench.length} (longest ${ms(longest(bench))}); the app's ${app.length} (longest ${ms(longest(app))}, ${ms(app.reduce((a, t) => a + t.ms, 0))} in all)`,
  )
  const byOp = new Map()
  for (const t of bench) byOp.set(ops.overlapping(t), [...(byOp.get(ops.overlapping(t)) ?? []), t])
  for (const [what, list] of byOp)
    console.log(`  bench: ${what}: ${list.length}, longest ${ms(longest(list))}`)
  const attributed =
    profile && clockMark
      ? attributeTasks(profile, { start: clockMark }, app, intervalUs)
      : undefined
  if (attributed) {
    const total = attributed.categories.reduce((a, [, v]) => a + v, 0) || 1
    console.log(
      `  the app's long tasks by cause (profile samples, clock offset ${attributed.offsetMs.toFixed(1)} ms):`,
    )
    for (const [cause, v] of attributed.categories.slice(0, 12))
      console.log(`    ${cause}: ${ms(v)} (${((100 * v) / total).toFixed(0)}%)`)
  }
  const list = attributed?.tasks ?? app
  const shown = [...list].sort((a, b) => b.ms - a.ms).slice(0, 15)
  if (shown.length) console.log('  the longest of them:')
  const t0 = tasks[0]?.at ?? 0
  for (const t of shown) {
    const split = t.split
      ? t.split
          .slice(0, 4)
          .map(([k, v]) => `${k} ${v.toFixed(0)}`)
          .join(', ')
      : ''
    console.log(
      `    ${ms(t.ms)} at +${((t.at - t0) / 1000).toFixed(1)} s${t.by ? ` [${t.by}]` : ''}: ${split}${split ? '; ' : ''}${frameOf(frames, t)}`,
    )
  }
}
