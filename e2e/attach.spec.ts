import type { Page } from '@playwright/test'
import { createServer, type AddressInfo } from 'node:net'
import { WebSocketServer } from 'ws'
import { PROTOCOL_VERSION } from '../src/protocol/messages'
import { APP_ORIGIN, expect, test, type VisualizerPage } from './fixtures'
import { traceSpans } from './flow-oracle'
import { kubectl, kubectlMissing, manifestFile, startServed, type Served } from './served'
import type { FlowStep } from '../src/sim/index'
import { podManifest } from './manifests'

// The class watches in the browser what the instructor types in a real terminal: the app
// attached (?attach=) to `npm run serve`, the real kubectl v1.32 sending the request.

const POD = podManifest('web', 'nginx')

interface Seen {
  id: number
  from: string
  to: string
  label: string
  sentAtMs: number
  deliverAtMs: number
  about?: string
  /** The cluster time the page showed when it first drew the message in flight. */
  seenAtMs: number
}

interface StepObservation {
  now: number
  states: string[]
}

/** Records, every animation frame, each message in flight the page has and when it first had it. */
async function recordMessages(page: Page): Promise<void> {
  await page.evaluate(() => {
    const seen = new Map<number, Seen>()
    ;(window as unknown as { __seen: typeof seen }).__seen = seen
    const read = () => {
      const state = window.__kcv?.state()
      for (const m of state?.inFlight ?? [])
        if (!seen.has(m.id))
          seen.set(m.id, {
            id: m.id,
            from: m.from,
            to: m.to,
            label: m.label,
            sentAtMs: m.sentAtMs,
            deliverAtMs: m.deliverAtMs,
            ...(m.about ? { about: m.about.name } : {}),
            seenAtMs: state?.simTimeMs ?? NaN,
          })
      requestAnimationFrame(read)
    }
    read()
  })
}

/** Records every state the step list shows and the cluster time it shows it for. */
async function recordSteps(page: Page): Promise<void> {
  await page.evaluate(() => {
    const seen: { now: number; states: string[] }[] = []
    ;(window as unknown as { __steps: typeof seen }).__steps = seen
    const list = document.querySelector<HTMLElement>('[data-testid="flow-steps"]')
    if (!list) throw new Error('no step list')
    new MutationObserver(() => {
      seen.push({
        now: Number(list.dataset['now']),
        states: [...list.children].map((li) => (li as HTMLElement).dataset['state'] ?? ''),
      })
    }).observe(list, {
      attributes: true,
      subtree: true,
      attributeFilter: ['data-state', 'data-now'],
    })
  })
}

const hostOf = (served: Served) => new URL(served.attachUrl).host

async function openAttached(app: VisualizerPage, served: Served): Promise<void> {
  // The very link serve printed for the class.
  expect(served.appLink).toBe(`${APP_ORIGIN}/?attach=${encodeURIComponent(served.attachUrl)}`)
  await app.page.goto(served.appLink)
  await expect(app.page.getByTestId('connection')).toHaveText(`Attached to ${hostOf(served)}`)
  await expect(app.page.getByTestId('component-kube-apiserver')).toBeVisible()
}

test.describe('the app attached to npm run serve', () => {
  let served: Served

  test.beforeAll(async () => {
    test.setTimeout(120_000)
    served = await startServed({ seed: 1, nodes: 3, etcd: 3, app: APP_ORIGIN })
  })

  test.afterAll(async () => {
    await served.stop()
  })

  test('animates the real kubectl’s apply hop by hop, in step with the trace, to Running', async ({
    app,
    page,
  }) => {
    const missing = kubectlMissing()
    test.skip(missing !== undefined, `SKIPPED: the real kubectl v1.32 is needed (${missing ?? ''})`)
    test.setTimeout(240_000)
    await openAttached(app, served)
    // Controls act on the served simulation: slow motion there, so the class can follow hops.
    await expect(page.getByTestId('follow-messages')).not.toBeChecked()
    await page.getByTestId('follow-messages').check()
    await expect(page.getByTestId('open-catalog')).toHaveCount(0)
    await expect(page.getByTestId('timeline')).toBeDisabled()
    await recordMessages(page)
    await recordSteps(page)
    const apply = kubectl(served, 'apply', '-f', manifestFile(served, 'pod.yaml', POD))
    await expect(page.getByTestId('flow-caption')).toHaveText(
      'Following Pod web, which a real kubectl created.',
      { timeout: 60_000 },
    )
    await expect(app.stepItem(3)).toHaveAttribute('data-state', 'active', { timeout: 60_000 })
    await app.screenshot('attach-mid-flow-1280x800')
    await page.setViewportSize({ width: 1024, height: 768 })
    await expect(app.stepItem(5)).toHaveAttribute('data-state', /active|waiting/, {
      timeout: 60_000,
    })
    await app.screenshot('attach-mid-flow-1024x768')
    expect(await apply).toMatchObject({ code: 0, stdout: 'pod/web created\n' })
    await expect(await app.podRow('web')).toContainText('Running', { timeout: 90_000 })
    const narration = page.getByTestId('narration')
    await expect(narration).toContainText('Done: Pod web is Running on node-')

    // The map: the request's messages appeared in the course's order, each drawn while the
    // trace has it in flight (the page showed a time between its sending and its arrival).
    const seen = await page.evaluate(() => [
      ...(window as unknown as { __seen: Map<number, Seen> }).__seen.values(),
    ])
    const web = seen.filter((m) => m.about === 'web').sort((a, b) => a.seenAtMs - b.seenAtMs)
    const first = (is: (m: Seen) => boolean) => web.find(is)?.seenAtMs ?? NaN
    const hops = [
      first((m) => m.from === 'kubectl' && m.label.startsWith('POST')),
      first((m) => m.from === 'kube-apiserver' && m.to.startsWith('etcd-')),
      first((m) => m.from.startsWith('kube-scheduler')),
      first((m) => m.to.startsWith('kubelet/')),
    ]
    expect(hops.every(Number.isFinite), `hops seen: ${JSON.stringify(hops)}`).toBe(true)
    expect([...hops].sort((a, b) => a - b)).toEqual(hops)
    const outOfFlight = web.filter((m) => m.seenAtMs < m.sentAtMs || m.seenAtMs >= m.deliverAtMs)
    expect(outOfFlight).toEqual([])

    // The step list: each step lit exactly from its first message to its last, as a headless
    // replay of the served run (its options and the actions the page received) has them.
    const actions = await app.state((s) => s.actions)
    const post = actions.find((a) => a.action.type === 'apiRequest' && a.action.method === 'POST')
    if (!post) throw new Error('the page never received the POST in the action log')
    const { spans, causeAtMs } = traceSpans(await app.state((s) => s.run), actions, 'web', {
      options: served.options,
      causeAtMs: post.atMs,
    })
    const observed = await page.evaluate(
      () => (window as unknown as { __steps: StepObservation[] }).__steps,
    )
    const wrong: string[] = []
    const lit = new Set<number>()
    for (const { now, states } of observed)
      states.forEach((state, i) => {
        const step = (i + 1) as FlowStep
        const { first: start, last } = spans[step]
        if (state === 'active') lit.add(step)
        const ok =
          (state === 'pending' && now < start) ||
          (state === 'active' && now >= start && now < last) ||
          (state === 'waiting' && now >= start) ||
          (state === 'done' && now >= last)
        if (!ok)
          wrong.push(
            `step ${String(step)} ${state} at ${now.toFixed(1)} (${String(start)}–${String(last)})`,
          )
      })
    expect(wrong).toEqual([])
    expect([...lit].sort()).toEqual([1, 2, 3, 4, 5, 6])
    const seconds = ((spans[6].last - causeAtMs) / 1000).toFixed(2)
    await expect(narration).toContainText(`took ${seconds} s of cluster time`)

    // The in-app kubectl goes to the same simulation: it sees the Pod the real kubectl made.
    await page.setViewportSize({ width: 1280, height: 800 })
    await app.runKubectl('get pod web', /web\s+1\/1\s+Running/)
  })

  test('a rewind is refused with the reason, and the served simulation goes on', async ({
    app,
    page,
  }) => {
    await openAttached(app, served)
    const before = await app.state((s) => s.simTimeMs)
    await app.seek(1_000)
    await expect(page.getByTestId('notice')).toContainText('it cannot go back in time')
    await expect.poll(() => app.state((s) => s.simTimeMs)).toBeGreaterThan(before)
  })

  test('a wrong token is refused in words, with the way back to the local simulation', async ({
    app,
    page,
  }) => {
    const wrong = served.attachUrl.replace(/token=\w+/, 'token=not-the-token')
    await page.goto(`/?attach=${encodeURIComponent(wrong)}&seed=4`)
    const error = page.getByTestId('attach-error')
    await expect(error).toContainText(`Not attached to ${hostOf(served)}`)
    await expect(error).toContainText(
      `The served simulation at ${hostOf(served)} refused this link (wrong token). Open the link npm run serve printed`,
    )
    await expect(page.getByTestId('connection')).toHaveText(`Detached from ${hostOf(served)}`)
    await app.screenshot('attach-refused-1280x800')
    await page.setViewportSize({ width: 1024, height: 768 })
    await app.screenshot('attach-refused-1024x768')
    await page.getByTestId('attach-local').click()
    await expect(page).toHaveURL(/\/\?seed=4$/)
    await expect(page.getByTestId('connection')).toHaveText('simulation running')
    await expect(page.getByTestId('attach-error')).toHaveCount(0)
  })

  test('the server stopping mid-session is said, and the map keeps its last state', async ({
    app,
    page,
  }) => {
    await openAttached(app, served)
    await served.stop()
    const error = page.getByTestId('attach-error')
    await expect(error).toContainText(
      `The served simulation at ${hostOf(served)} stopped (npm run serve stopped). The map shows its last state.`,
    )
    await expect(page.getByTestId('component-kube-apiserver')).toBeVisible()
    await expect(page.getByTestId('attach-retry')).toBeVisible()
  })
})

test.describe('attach links that cannot work', () => {
  test('nothing listening: said in words, not a blank page', async ({ page }) => {
    const port = await freePort()
    await page.goto(
      `/?attach=${encodeURIComponent(`ws://127.0.0.1:${String(port)}/attach?token=abc`)}`,
    )
    await expect(page.getByTestId('attach-error')).toContainText(
      `Could not attach to 127.0.0.1:${String(port)}: nothing answers there. Is npm run serve still running?`,
    )
    await expect(page.getByTestId('attach-local')).toBeVisible()
  })

  test('a server of another protocol version: said, with both versions', async ({ page }) => {
    const server = new WebSocketServer({ host: '127.0.0.1', port: 0 })
    server.on('connection', (socket) => {
      socket.send(
        JSON.stringify({ type: 'error', message: 'x', fatal: true, protocolVersion: 999 }),
      )
    })
    await new Promise((done) => server.once('listening', done))
    const { port } = server.address() as AddressInfo
    try {
      await page.goto(
        `/?attach=${encodeURIComponent(`ws://127.0.0.1:${String(port)}/attach?token=abc`)}`,
      )
      await expect(page.getByTestId('attach-error')).toContainText(
        `The served simulation speaks protocol version 999, this page ${String(PROTOCOL_VERSION)}`,
      )
    } finally {
      server.close()
    }
  })

  test('a malformed attach parameter is ignored with a warning, as other parameters are', async ({
    app,
    page,
  }) => {
    await app.open('?attach=http%3A%2F%2F127.0.0.1%3A6444%2Fattach%3Ftoken%3Dabc')
    await expect(page.getByRole('alert').first()).toContainText(
      'Ignored attach=http://127.0.0.1:6444/attach?token=abc: expected a ws:// or wss:// address, not http://; the page runs its own simulation instead.',
    )
  })
})

/** A port nothing listens on (the OS picked it, and it was released). */
function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer()
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo
      probe.close(() => {
        resolve(port)
      })
    })
  })
}
