import type { Page } from '@playwright/test'
import { expect, test, type VisualizerPage } from './fixtures'
import { REPLICASET_TEMPLATE } from '../src/ui/viz/manifest-templates'
import {
  CRASHING_POD_TEMPLATE,
  SERVICE_TEMPLATE,
  UNREADY_POD_TEMPLATE,
} from '../src/ui/viz/workload-templates'

const startedAt = (page: Page, pod: string): Promise<number | undefined> =>
  page.evaluate(
    (object) =>
      window.__kcv?.state().events.find((e) => e.reason === 'Started' && e.object === object)
        ?.lastMs,
    `pod/${pod}`,
  )

const restartsOf = (page: Page, pod: string): Promise<number> =>
  page.evaluate(
    (name) =>
      Object.values(window.__kcv?.state().pods ?? {}).find((p) => p.name === name)?.restarts ?? 0,
    pod,
  )

/**
 * When each of the first `starts` instances of a Pod's container started, read from the
 * simulation's state instead of sampled while it plays (a busy machine misses samples): wait
 * until the kubelet has restarted the container `starts - 1` times, pause, then seek back to just
 * before each start in turn, where the Started event's lastTimestamp (which the kubelet's event
 * recorder updates at every start) is the start before it. Leaves the simulation where it was,
 * playing again.
 */
async function startTimes(app: VisualizerPage, pod: string, starts: number): Promise<number[]> {
  const { page } = app
  await expect
    .poll(() => restartsOf(page, pod), { timeout: 90_000 })
    .toBeGreaterThanOrEqual(starts - 1)
  await page.getByTestId('play-pause').click()
  await expect(page.getByTestId('play-pause')).toHaveAccessibleName('Play')
  const pausedAt = await page.evaluate(() => window.__kcv?.state().simTimeMs ?? 0)
  const restarts = await restartsOf(page, pod)
  const latest = await startedAt(page, pod)
  expect(latest).toBeDefined()
  const times = [latest ?? 0]
  // Walk back from the latest start until there is none before: the first instance's.
  for (;;) {
    const target = (times[0] ?? 0) - 1
    await app.seek(target)
    await expect.poll(() => page.evaluate(() => window.__kcv?.state().simTimeMs)).toBe(target)
    const earlier = await startedAt(page, pod)
    if (earlier === undefined) break
    expect(earlier).toBeLessThan(times[0] ?? 0)
    times.unshift(earlier)
  }
  await app.seek(pausedAt)
  await expect.poll(() => restartsOf(page, pod)).toBe(restarts)
  await page.getByTestId('play-pause').click()
  return times.slice(0, starts)
}

test('a crashing container restarts after 10, 20, 40 s of back-off, shows CrashLoopBackOff, and its logs say why', async ({
  app,
  page,
}) => {
  test.setTimeout(120_000)
  await app.open()
  await app.fastForward()
  await app.setManifest(CRASHING_POD_TEMPLATE)
  await app.apply()
  const starts = await startTimes(app, 'crash', 5)
  // Each instance runs 5 s. The kubelet restarts the first exit at once, then waits 10 s, 20 s,
  // 40 s after each finish (CrashLoopBackOff: doubling from 10 s up to 300 s).
  // Event timestamps have whole seconds (and each start takes the runtime a moment): ±1 s.
  const waits = starts.slice(1, 5).map((t, i) => (t - (starts[i] ?? 0)) / 1000 - 5)
  expect(waits).toHaveLength(4)
  ;[0, 10, 20, 40].forEach((backOff, i) => {
    expect(
      Math.abs((waits[i] ?? -9) - backOff),
      `wait ${i + 1}: ${waits.join(', ')}`,
    ).toBeLessThanOrEqual(1)
  })
  await expect(await app.podRow('crash')).toContainText('CrashLoopBackOff')
  await expect(page.getByTestId('pod-chip-crash')).toHaveClass(/failing/)
  await expect(page.getByTestId('pod-chip-crash')).toContainText('×')

  await app.setSpeed('1')
  await app.runKubectl('logs crash --previous', 'fatal: cannot reach database db:5432')
  await expect(page.getByTestId('kubectl-transcript')).toContainText('starting up')
  await app.runKubectl('describe pod crash', 'Last State:     Terminated')
  const transcript = page.getByTestId('kubectl-transcript')
  await expect(transcript).toContainText('Exit Code:    1')
  await expect(transcript).toContainText(/Restart Count:\s+[4-9]/)
  await expect(transcript).toContainText(
    /Warning\s+BackOff\s+.*Back-off restarting failed container app in pod crash_default\(/,
  )
  await app.expectNoA11yViolations()
  await app.screenshot('workloads-crashloop')
})

/** The followed Service's lines of a node's rules, as the kube-proxy tab shows them. */
async function rulesText(app: VisualizerPage, table: 'nat' | 'ipvs'): Promise<string> {
  await app.openTab('rules')
  const panel = app.page.locator('[data-testid=dock-panel-rules]')
  await panel.getByTestId(`rules-table-${table}`).click()
  return (await panel.getByTestId('rules-text').textContent()) ?? ''
}

async function podIps(page: Page, prefix: string): Promise<string[]> {
  return page.evaluate(
    (p) =>
      Object.values(window.__kcv?.state().pods ?? {})
        .filter((pod) => pod.name.startsWith(p) && pod.status === 'Running' && pod.ready === '1/1')
        .map((pod) => pod.ip)
        .sort(),
    prefix,
  )
}

/** Sends the Traffic form's requests and waits until every one finished. */
async function sendTraffic(app: VisualizerPage, count: number): Promise<void> {
  await app.openTab('services')
  const panel = app.page.locator('[data-testid=dock-panel-services]')
  await panel.getByTestId('traffic-count').fill(String(count))
  await panel.getByTestId('traffic-send').click()
  await expect(panel.getByTestId('traffic-bars')).toContainText(
    `${count} of ${count} requests finished`,
    { timeout: 30_000 },
  )
}

async function requestsPerEndpoint(app: VisualizerPage): Promise<number[]> {
  const cells = app.page.locator('[data-testid=dock-panel-services] td.requests .traffic-count')
  return (await cells.allTextContents()).map((t) => Number(t.split(' ')[0]))
}

test('kube-proxy: the iptables rules hold exactly the ready endpoints, traffic spreads over them, IPVS takes turns', async ({
  app,
  page,
}) => {
  test.setTimeout(150_000)
  await app.open()
  await app.fastForward()
  await app.setManifest(
    `${REPLICASET_TEMPLATE}---\n${SERVICE_TEMPLATE}---\n${UNREADY_POD_TEMPLATE}`,
  )
  await app.apply()
  await expect.poll(async () => (await podIps(page, 'web-')).length, { timeout: 60_000 }).toBe(3)
  await expect(await app.podRow('client')).toContainText('Running', { timeout: 30_000 })
  const ips = await podIps(page, 'web-')
  const unready = await page.evaluate(
    () => Object.values(window.__kcv?.state().pods ?? {}).find((p) => p.name === 'web-unready')?.ip,
  )

  // The Services tab lists the endpoints from the EndpointSlice: the unready Pod is not ready.
  await app.openTab('services')
  const services = page.locator('[data-testid=dock-panel-services]')
  await expect(services.getByTestId('endpoint-web-unready')).toContainText('not ready')
  await expect(services.locator('[data-testid^=endpoint-web-]')).toHaveCount(4)
  // On the map it is Running but marked not ready; its ready siblings are not.
  await expect(page.getByTestId('pod-chip-web-unready')).toHaveClass(/running unready/)
  await expect(page.locator('[data-testid^=pod-chip-web-].unready')).toHaveCount(1)

  // iptables: one KUBE-SEP chain per ready endpoint, picked with probability 1/3, 1/2, then 1.
  await expect
    .poll(async () => (await rulesText(app, 'nat')).match(/--to-destination [\d.]+:80/g)?.length)
    .toBe(3)
  const nat = await rulesText(app, 'nat')
  for (const ip of ips) expect(nat).toContain(`-j DNAT --to-destination ${ip}:80`)
  expect(nat).not.toContain(`${unready ?? 'unready'}:80`)
  expect(nat).toMatch(/-m statistic --mode random --probability 0\.33333333349 -j KUBE-SEP-/)
  expect(nat).toMatch(/-m statistic --mode random --probability 0\.50000000000 -j KUBE-SEP-/)
  expect(nat).toMatch(
    /-A KUBE-SERVICES -d 10\.\d+\.\d+\.\d+\/32 -p tcp .*default\/web cluster IP.* -j KUBE-SVC-/,
  )
  await app.expectNoA11yViolations()
  await app.screenshot('workloads-iptables-rules')

  // Random picks: 60 requests all answered, every ready endpoint gets some, the unready none.
  await sendTraffic(app, 60)
  const random = await requestsPerEndpoint(app)
  expect(random.reduce((a, b) => a + b, 0)).toBe(60)
  expect(random.filter((n) => n > 0)).toHaveLength(3)
  await expect(services.getByTestId('traffic-failure')).toHaveCount(0)
  await app.expectNoA11yViolations()
  await app.screenshot('workloads-traffic-iptables')

  // IPVS round robin: 30 requests, 10 each; ipvsadm lists the same three real servers.
  await services.getByTestId('proxy-mode-ipvs').click()
  await expect
    .poll(async () => (await rulesText(app, 'ipvs')).match(/-> [\d.]+:80\s+Masq/g)?.length, {
      timeout: 20_000,
    })
    .toBe(3)
  const ipvs = await rulesText(app, 'ipvs')
  for (const ip of ips)
    expect(ipvs).toMatch(new RegExp(`-> ${ip.replace(/\./g, '\\.')}:80\\s+Masq\\s+1`))
  await app.screenshot('workloads-ipvsadm')
  await sendTraffic(app, 30)
  expect((await requestsPerEndpoint(app)).filter((n) => n > 0)).toEqual([10, 10, 10])

  // A node goes down: its endpoint stays in the rules (nothing marks it unready yet), so the
  // requests sent to it time out, shown in red.
  const down = await page.evaluate(() => {
    const pods = Object.values(window.__kcv?.state().pods ?? {})
    const client = pods.find((p) => p.name === 'client')?.node
    return pods.find((p) => p.name.startsWith('web-') && p.node !== client)?.node ?? ''
  })
  await services.getByTestId(`node-power-${down}`).first().click()
  await expect(services.getByTestId(`node-power-${down}`).first()).toContainText('start')
  await sendTraffic(app, 9)
  await expect(services.getByTestId('traffic-failure')).toContainText(/timed out|timeout/)
  await expect(page.getByTestId(`component-kubelet/${down}`)).toHaveClass(/stopped/)
  await services.getByTestId('traffic-failure').first().scrollIntoViewIfNeeded()
  await app.expectNoA11yViolations()
  await app.screenshot('workloads-node-down')

  // On a projector (1024x768) every column of both tables stays inside the dock.
  await page.setViewportSize({ width: 1024, height: 768 })
  const dock = await page.getByTestId('dock').boundingBox()
  const headers = await services.locator('th').all()
  expect(headers.length).toBeGreaterThanOrEqual(8)
  for (const th of headers) {
    const box = await th.boundingBox()
    expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual(
      (dock?.x ?? 0) + (dock?.width ?? 0),
    )
  }
  await app.screenshot('workloads-services-1024')
})
