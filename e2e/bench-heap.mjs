// JavaScript heap of the simulation's worker and of the page, read over the DevTools protocol
// for npm run bench:browser. A dedicated worker has no performance.memory, so its heap is read
// by attaching to its target from a browser session (Target.attachToTarget, messages relayed
// through Target.sendMessageToTarget: Playwright's sessions speak to one target each).

const MB = 2 ** 20

/** A DevTools session to the simulation's worker (the one whose URL names sim.worker). */
export async function attachToWorker(browser) {
  const session = await browser.newBrowserCDPSession()
  const { targetInfos } = await session.send('Target.getTargets')
  const target =
    targetInfos.find((t) => t.type === 'worker' && t.url.includes('sim.worker')) ??
    targetInfos.find((t) => t.type === 'worker')
  if (!target) throw new Error('no worker target to read the heap of')
  const { sessionId } = await session.send('Target.attachToTarget', {
    targetId: target.targetId,
    flatten: false,
  })
  const pending = new Map()
  let nextId = 0
  let detached = false
  session.on('Target.receivedMessageFromTarget', (event) => {
    if (event.sessionId !== sessionId) return
    const message = JSON.parse(event.message)
    pending.get(message.id)?.(message)
    pending.delete(message.id)
  })
  session.on('Target.detachedFromTarget', (event) => {
    if (event.sessionId !== sessionId) return
    detached = true
    for (const resolve of pending.values()) resolve({ error: { message: 'worker detached' } })
    pending.clear()
  })
  const call = (method, params = {}) =>
    new Promise((resolve) => {
      if (detached) return resolve({ error: { message: 'worker detached' } })
      const id = ++nextId
      pending.set(id, resolve)
      session
        .send('Target.sendMessageToTarget', {
          sessionId,
          message: JSON.stringify({ id, method, params }),
        })
        .catch((error) => resolve({ error }))
    })
  return {
    get alive() {
      return !detached
    },
    /**
     * What the simulation's heap holds that does not grow with Pods alone: the entries of etcd's
     * in-memory Raft log (the most any member holds: lastIndex - snapshotIndex), the checkpoints
     * kept and the objects they hold of their own, the trace's length.
     */
    async simStats() {
      const { result } = await call('Runtime.evaluate', {
        expression: `(() => {
          const sim = self.__kcvHost?.sim
          if (!sim) return undefined
          const members = sim.etcd().members
          const checkpoints = sim.checkpoints ?? []
          return {
            raftEntries: Math.max(...members.map((m) => m.lastIndex - m.snapshotIndex)),
            checkpoints: checkpoints.length,
            checkpointObjects: checkpoints.reduce((sum, c) => sum + c.copiedObjects, 0),
            traceEvents: sim.traceEnd - sim.traceStart,
            simS: sim.nowMs / 1000,
          }
        })()`,
        returnByValue: true,
      })
      return result?.result?.value
    },
    /**
     * At the end of a run only (it changes what seeking can reach): the heap after a full GC
     * once the checkpoints but the first (t = 0) are dropped, and then once the trace is
     * emptied too. What each drop frees is what it held, old values it alone still reaches
     * included (a checkpoint taken before an etcd snapshot keeps that member's longer Raft log).
     */
    async splitCheckpointsAndTrace() {
      const evaluate = async (expression) => {
        const { result } = await call('Runtime.evaluate', { expression })
        if (result?.exceptionDetails) throw new Error(result.exceptionDetails.text)
      }
      const before = (await this.heap(true))?.usedSize
      // A new array: the kept list may be frozen.
      await evaluate('(s => { s.checkpoints = s.checkpoints.slice(0, 1) })(self.__kcvHost.sim)')
      const noCheckpoints = (await this.heap(true))?.usedSize
      await evaluate('(s => s.traceLog.truncate(s.traceStart))(self.__kcvHost.sim)')
      const noTrace = (await this.heap(true))?.usedSize
      return { before, noCheckpoints, noTrace }
    },
    /** usedSize/totalSize in bytes (Runtime.getHeapUsage); after a full GC when `gc`. */
    async heap(gc) {
      if (gc) await call('HeapProfiler.collectGarbage')
      const { result } = await call('Runtime.getHeapUsage')
      return result
    },
  }
}

/** The page's own heap, and the heap limit Chromium gives the page (performance.memory). */
export async function attachToPage(page) {
  const session = await page.context().newCDPSession(page)
  return {
    async heap(gc) {
      if (gc) await session.send('HeapProfiler.collectGarbage')
      return session.send('Runtime.getHeapUsage')
    },
    limitBytes: () => page.evaluate(() => performance.memory?.jsHeapSizeLimit),
  }
}

/** "5,000 worker nodes · 12,345 of 59,000 Pods (12,000 Running, 345 Pending) · …" */
export function parseHeading(text) {
  const match = /([\d,]+) of ([\d,]+) Pods \(([\d,]+) Running/.exec(text ?? '')
  const num = (s) => Number(s.replaceAll(',', ''))
  return match ? { pods: num(match[1]), asked: num(match[2]), running: num(match[3]) } : undefined
}

export const mb = (bytes) => (bytes === undefined ? '?' : (bytes / MB).toFixed(0))

/**
 * The worker's heap after a full GC against the workload's Pods: the slope between the first
 * and the last point, and a least-squares fit over all (etcd's Raft log rises and falls with its
 * snapshots, so two points alone can be lucky).
 */
export function heapSlope(points) {
  if (points.length < 2) return undefined
  const first = points[0]
  const last = points[points.length - 1]
  const n = points.length
  const mx = points.reduce((s, p) => s + p.pods, 0) / n
  const my = points.reduce((s, p) => s + p.workerBytes, 0) / n
  const sxy = points.reduce((s, p) => s + (p.pods - mx) * (p.workerBytes - my), 0)
  const sxx = points.reduce((s, p) => s + (p.pods - mx) ** 2, 0)
  return {
    endsKbPerPod: (last.workerBytes - first.workerBytes) / 1024 / (last.pods - first.pods || 1),
    fitKbPerPod: sxx > 0 ? sxy / sxx / 1024 : undefined,
  }
}
