import type { Page } from '@playwright/test'
import { expect, test, type VisualizerPage } from './fixtures'
import { DEPLOYMENT_TEMPLATE } from '../src/ui/viz/manifest-templates'

// Kubernetes v1.32's timings the node-failure test checks against (see node-health.ts,
// node-heartbeat.ts and taint-eviction.ts for their upstream sources).
const NODE_MONITOR_GRACE_S = 50
const NODE_LEASE_RENEW_S = 10
const NODE_MONITOR_PERIOD_S = 5
const TOLERATION_SECONDS = 300

interface Mark {
  kind: string
  atMs: number
  label: string
}

/** The timeline's marks, as drawn: kind, virtual time and the words a screen reader hears. */
async function readMarks(page: Page): Promise<Mark[]> {
  return page.getByTestId('timeline-mark').evaluateAll((buttons) =>
    buttons.map((b) => ({
      kind: b.getAttribute('data-kind') ?? '',
      atMs: Number(b.getAttribute('data-at-ms')),
      label: b.getAttribute('aria-label') ?? '',
    })),
  )
}

/** Applies kubernetes.io's nginx-deployment from the editor and waits for 3/3 in the panel. */
async function deployNginx(app: VisualizerPage): Promise<void> {
  await app.fastForward()
  await app.setManifest(DEPLOYMENT_TEMPLATE)
  await app.apply()
  await app.openTab('controllers')
  await expect(app.page.getByTestId('deployment-row-nginx-deployment')).toContainText(
    '3/3 ready · 3 up-to-date · 3 available',
    { timeout: 30_000 },
  )
}

const runningNginx = (app: VisualizerPage) =>
  app.state((s) =>
    Object.values(s.pods)
      .filter((p) => p.name.startsWith('nginx-deployment-') && p.status === 'Running')
      .map((p) => ({ name: p.name, node: p.node })),
  )

test.describe('controllers', () => {
  test('a Deployment rolls out, then rolls to a new image through a new ReplicaSet', async ({
    app,
    page,
  }) => {
    await app.open('?seed=1')
    await deployNginx(app)
    const row = page.getByTestId('deployment-row-nginx-deployment')
    await expect(row.getByTestId('deployment-rollout')).toHaveText(
      'revision 1 · nginx:1.14.2 · NewReplicaSetAvailable',
    )
    // The step list followed the Deployment's first Pod, through the ReplicaSet it made.
    await expect(page.getByTestId('flow-caption')).toContainText(
      /Following nginx-deployment-\w+-\w{5}, the first Pod of Deployment nginx-deployment/,
    )
    await expect(page.getByTestId('narration')).toContainText('Done: Pod nginx-deployment-')
    // The controller manager's reconciles say what it observed and what it did about it.
    const log = page.getByTestId('reconcile-log')
    await expect(log).toContainText(
      'Deployment nginx-deployment: 0 of 3 updated, 0 available, surge 1, max unavailable 0 → scaled up replica set nginx-deployment-',
    )
    await expect(log).toContainText(/ReplicaSet controller: nginx-deployment-\w+ wants 3 Pods/)
    const before = (await runningNginx(app)).map((p) => p.name)
    expect(before).toHaveLength(3)

    await app.runKubectl(
      'kubectl set image deployment/nginx-deployment nginx=nginx:1.16.1',
      'deployment.apps/nginx-deployment image updated',
    )
    await app.openTab('controllers')
    await expect(row.getByTestId('deployment-rollout')).toHaveText(
      'revision 2 · nginx:1.16.1 · NewReplicaSetAvailable',
      { timeout: 30_000 },
    )
    await expect(row.getByTestId('deployment-counts')).toHaveText(
      '3/3 ready · 3 up-to-date · 3 available',
    )
    // Surge 1 (25% of 3, rounded up), unavailable 0 (25% of 3, rounded down): one at a time.
    await expect(log).toContainText(/Deployment nginx-deployment: 2 of 3 updated, .*surge 1/)
    await expect
      .poll(async () => {
        const now = await runningNginx(app)
        return now.length === 3 && now.every((p) => !before.includes(p.name))
      })
      .toBe(true)
    await app.runKubectl(
      'kubectl rollout history deployment/nginx-deployment',
      /REVISION\s+CHANGE-CAUSE\n1\s+<none>\n2\s+<none>/,
    )
    await app.openTab('controllers')
    await app.expectNoA11yViolations()
  })

  test('a node powered off turns NotReady, is tainted, and its Pods are evicted 300 s later and replaced', async ({
    app,
    page,
  }) => {
    test.setTimeout(180_000)
    await app.open('?seed=1')
    await deployNginx(app)
    const victims = (await runningNginx(app)).filter((p) => p.node === 'node-2')
    expect(victims.length).toBeGreaterThan(0)
    await app.setSpeed('64')
    await page.getByTestId('power-off-node-2').click()

    const health = page.getByTestId('node-health-node-2')
    await expect(health).toContainText('NotReady', { timeout: 30_000 })
    await expect(health).toContainText('node.kubernetes.io/unreachable:NoExecute')
    await expect(page.getByTestId('host-node-2')).toHaveClass(/not-ready/)
    await expect(page.getByTestId('node-badge-node-2')).toContainText('NotReady')

    // The evicted Pods are replaced on the nodes that are up, and the Deployment is whole again.
    await expect
      .poll(
        async () => {
          const pods = await runningNginx(app)
          return pods.length === 3 && pods.every((p) => p.node !== 'node-2')
        },
        { timeout: 120_000 },
      )
      .toBe(true)
    await expect(page.getByTestId('deployment-row-nginx-deployment')).toContainText('3/3 ready')

    // The timeline marks each moment at the time it happened, at upstream's intervals.
    const marks = await readMarks(page)
    const at = (kind: string, text: string) =>
      marks.find((m) => m.kind === kind && m.label.includes(text))?.atMs ?? NaN
    // The power-off is an action (the timeline's own marker), read from the action log.
    const poweredOff = await app.state(
      (s) =>
        s.actions.find((a) => a.action.type === 'stopNode' && a.action.node === 'node-2')?.atMs ??
        NaN,
    )
    const unknown = at('node', 'node-2 posted no status and renewed no Lease')
    const tainted = at('taint', 'node-2 is unreachable: tainting it node.kubernetes.io/unreachable')
    const evicted = marks.filter((m) => m.kind === 'evict' && m.label.includes('on node-2'))
    // Ready=Unknown once the controller's probe time (the monitor pass that saw the last Lease
    // renewal, itself at most 10 s before the power-off) is 50 s old, seen at a 5 s monitor pass.
    const silentS = (unknown - poweredOff) / 1000
    expect(silentS).toBeGreaterThan(NODE_MONITOR_GRACE_S - NODE_LEASE_RENEW_S)
    expect(silentS).toBeLessThanOrEqual(NODE_MONITOR_GRACE_S + 2 * NODE_MONITOR_PERIOD_S)
    // The NoExecute taint follows at the next tainting pass (every 100 ms), or, when the
    // Ready=Unknown write has not reached the controller's informer by then (that pass reads the
    // lister and drops a node that still looks Ready, as upstream's does), one monitor pass later.
    expect(tainted - unknown).toBeGreaterThanOrEqual(0)
    expect(tainted - unknown).toBeLessThanOrEqual(NODE_MONITOR_PERIOD_S * 1000 + 1000)
    // Each Pod tolerates the taint for exactly 300 s (DefaultTolerationSeconds), then goes.
    expect(evicted).toHaveLength(victims.length)
    for (const e of evicted) expect(Math.round((e.atMs - tainted) / 1000)).toBe(TOLERATION_SECONDS)
    await expect(page.getByTestId('timeline-marks')).toBeVisible()
    await app.screenshot('controllers-node-failure')
  })

  test('with the API server stopped, Pods keep running and kubectl is refused; on restart all resyncs', async ({
    app,
    page,
  }) => {
    await app.open('?seed=1')
    await deployNginx(app)
    const before = (await runningNginx(app)).map((p) => p.name).sort()
    await page.getByTestId('stop-kube-apiserver').click()
    await expect(page.getByTestId('component-kube-apiserver')).toHaveAttribute(
      'data-status',
      'stopped',
    )
    await app.runKubectl(
      'kubectl get pods',
      'The connection to the server control-plane:6443 was refused - did you specify the right host or port?',
    )
    const stoppedAt = await app.state((s) => s.simTimeMs)
    // A minute of cluster time without the API server: at 64x, about a second.
    await app.setSpeed('64')
    await expect
      .poll(() => app.state((s) => s.simTimeMs), { timeout: 30_000 })
      .toBeGreaterThan(stoppedAt + 60_000)
    expect((await runningNginx(app)).map((p) => p.name).sort()).toEqual(before)

    await app.openTab('controllers')
    await page.getByTestId('start-kube-apiserver').click()
    await app.runKubectl('kubectl get pods', /nginx-deployment-\w+-\w+\s+1\/1\s+Running\s+0/)
    const listed = await page.getByTestId('kubectl-transcript').innerText()
    for (const name of before) expect(listed).toContain(name)
  })

  test('in an HA control plane, stopping the leading controller manager hands the Lease over', async ({
    app,
    page,
  }) => {
    await app.open('?seed=1&controlplanes=3')
    await app.fastForward()
    const managers = page.locator('[data-testid^="component-kube-controller-manager"]')
    await expect(managers).toHaveCount(3)
    const leader = managers.and(page.locator('[data-status="leader"]'))
    await expect(leader).toHaveCount(1, { timeout: 30_000 })
    const first = (await leader.getAttribute('data-testid')) ?? ''
    await app.openTab('controllers')
    await page.getByTestId(first.replace('component-', 'stop-')).click()
    await expect(page.getByTestId(first)).toHaveAttribute('data-status', 'stopped')
    // Another instance takes the Lease once it expires (15 s) and leads.
    await expect(leader).toHaveCount(1, { timeout: 30_000 })
    expect(await leader.getAttribute('data-testid')).not.toBe(first)
    await expect(page.getByTestId('leader-kube-controller-manager')).toContainText('1 transition')
    await expect(
      page.getByTestId('timeline-mark').and(page.locator('[data-kind="leader"]')).first(),
    ).toBeAttached()
  })
})
