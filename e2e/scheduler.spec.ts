import type { Locator, Page } from '@playwright/test'
import { expect, test, type VisualizerPage } from './fixtures'
import {
  BIG_CPU_POD_TEMPLATE,
  POD_TEMPLATE,
  TOLERATING_POD_TEMPLATE,
} from '../src/ui/viz/manifest-templates'

/** One of the scheduler panel's own tabs (the dock's Scheduler tab is opened first). */
async function schedulerTab(app: VisualizerPage, name: string): Promise<Locator> {
  await app.openTab('scheduler')
  return app.page.getByTestId(`tab-${name}`)
}

async function pickPod(app: VisualizerPage, pod: string): Promise<void> {
  await app.openTab('scheduler')
  await app.page.getByTestId('pod-picker').selectOption(pod)
}

/** Reads the weighted scores and totals of the decision matrix from the DOM. */
async function readMatrix(page: Page) {
  return page.evaluate(() => {
    const rows = [...document.querySelectorAll('[data-testid^="matrix-row-"]')]
    return rows.flatMap((row) => {
      const total = row.querySelector('[data-testid^="total-"]')
      if (!total) return []
      const weighted = [...row.querySelectorAll('[data-weighted]')].map((c) =>
        Number(c.getAttribute('data-weighted')),
      )
      return [
        {
          node: row.getAttribute('data-testid')?.replace('matrix-row-', '') ?? '',
          total: Number(total.textContent),
          weighted,
          winner: row.classList.contains('winner'),
        },
      ]
    })
  })
}

/** Applies the 6-cpu Pod no node can hold and waits for its failed decision. */
async function applyBigPodUntilPending(app: VisualizerPage, page: Page): Promise<void> {
  await app.setManifest(BIG_CPU_POD_TEMPLATE)
  await app.apply()
  await waitForPending(app, page, 'big')
}

async function waitForPending(app: VisualizerPage, page: Page, pod: string): Promise<void> {
  await expect(await app.podRow(pod)).toContainText('Pending', { timeout: 20_000 })
  await expect
    .poll(
      () =>
        page.evaluate(
          (name) => window.__kcv?.state().decisions.some((d) => d.pod === name) ?? false,
          `default/${pod}`,
        ),
      { timeout: 20_000 },
    )
    .toBe(true)
}

test('a Pod too big for every node stays Pending, the why panel says Insufficient cpu, and a smaller one runs', async ({
  app,
  page,
}) => {
  await app.open()
  await app.fastForward()
  await applyBigPodUntilPending(app, page)
  await pickPod(app, 'default/big')
  await (await schedulerTab(app, 'why')).click()
  const why = page.getByTestId('why-pending')
  await expect(why).toContainText('Insufficient cpu')
  await expect(why).toContainText('the Pod requests 6, and the most any node has free is 4')
  await expect(why).toContainText('Lower the Pod’s cpu request to 4 or less')
  // As kube-scheduler v1.32 words it in a kubeadm cluster: the control-plane machine is a node
  // too, kept free of workloads by its NoSchedule taint.
  await expect(page.getByTestId('failed-scheduling-text')).toContainText(
    '0/4 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 3 Insufficient cpu.',
  )
  await app.expectNoA11yViolations()
  // Requests cannot change on a live Pod: delete it, and apply it again with 2 cpu.
  await app.runKubectl('delete pod big', 'pod "big" deleted')
  await app.applyUntilRunning(BIG_CPU_POD_TEMPLATE.replace('cpu: "6"', 'cpu: "2"'), 'big')
  await (await schedulerTab(app, 'decision')).click()
  await expect(page.getByTestId('matrix-outcome')).toContainText(/(Selected:?|picked) node-\d/, {
    timeout: 20_000,
  })
})

test('a node tainted in the UI is avoided until the Pod tolerates the taint', async ({
  app,
  page,
}) => {
  await app.open('?seed=1&nodes=1')
  await app.fastForward()
  await (await schedulerTab(app, 'nodes')).click()
  await page.getByTestId('manage-node-1').click()
  // A typo gets a plain message, and the text stays for fixing.
  const taint = page.getByTestId('node-actions-node-1').getByLabel('Taint')
  await taint.fill('dedicated=gpu:NoSchedul')
  await page.getByTestId('node-actions-node-1').getByRole('button', { name: 'Add' }).first().click()
  await expect(
    page.getByRole('alert').filter({ hasText: 'the effect must be one of' }),
  ).toBeVisible()
  await expect(taint).toHaveValue('dedicated=gpu:NoSchedul')
  await taint.fill('dedicated=gpu:NoSchedule')
  await page.getByTestId('node-actions-node-1').getByRole('button', { name: 'Add' }).first().click()
  await expect(page.getByTestId('node-action-output')).toHaveText('node/node-1 tainted')
  await expect(page.getByTestId('node-row-node-1')).toContainText('dedicated=gpu:NoSchedule')
  await expect(page.getByTestId('node-badge-node-1')).toHaveText('1 taint')
  await app.setManifest(POD_TEMPLATE)
  await app.apply()
  await expect(await app.podRow('web')).toContainText('Pending')
  await (await schedulerTab(app, 'why')).click()
  await expect(page.getByTestId('why-pending')).toContainText(
    'carry the taint dedicated=gpu:NoSchedule, and the Pod has no toleration for it',
    { timeout: 20_000 },
  )
  await app.applyUntilRunning(TOLERATING_POD_TEMPLATE, 'gpu-job')
  await expect(await app.podRow('gpu-job')).toContainText('node-1')
  await expect(await app.podRow('web')).toContainText('Pending')
})

test('the decision matrix reveals filter then score, and the winner has the highest total', async ({
  app,
  page,
}) => {
  await page.emulateMedia({ reducedMotion: 'no-preference' })
  await app.open('?seed=3&nodes=4')
  await app.setManifest(POD_TEMPLATE)
  await app.apply()
  await app.openTab('scheduler')
  const matrix = page.getByTestId('decision-matrix')
  // Until web's decision is made the tab shows the latest one (kubeadm's CoreDNS, scheduled at
  // boot, which tolerates the control-plane taint): wait for web's.
  await expect(matrix).toContainText('scores per node for default/web', { timeout: 20_000 })
  await expect(matrix).toHaveAttribute('data-phase', 'filter', { timeout: 20_000 })
  await expect(page.getByTestId('matrix-phase')).toContainText(
    'Filter: running every Filter plugin',
  )
  await expect(matrix).toHaveAttribute('data-phase', 'score', { timeout: 20_000 })
  await page.getByTestId('skip-animation').click()
  await expect(matrix).toHaveAttribute('data-phase', 'done')
  // Scored: the four workers; the control-plane machine failed the Taints filter.
  const rows = await readMatrix(page)
  expect(rows.map((r) => r.node).sort()).toEqual(['node-1', 'node-2', 'node-3', 'node-4'])
  for (const row of rows) expect(row.total).toBe(row.weighted.reduce((a, b) => a + b, 0))
  const winner = rows.find((r) => r.winner)
  expect(winner).toBeDefined()
  expect(winner?.total).toBe(Math.max(...rows.map((r) => r.total)))
  await expect(page.getByTestId('matrix-outcome')).toContainText(winner?.node ?? '?')
  await expect(await app.podRow('web')).toContainText(winner?.node ?? '?', {
    timeout: 30_000,
  })
  await app.expectNoA11yViolations()
})

test('the queue view shows an unschedulable Pod with its rejecting plugin and flush countdown', async ({
  app,
  page,
}) => {
  await app.open()
  await app.fastForward()
  await applyBigPodUntilPending(app, page)
  await (await schedulerTab(app, 'queue')).click()
  const unschedulable = page.getByTestId('queue-unschedulable')
  await expect(unschedulable).toContainText('default/big', { timeout: 20_000 })
  await expect(unschedulable).toContainText('rejected by NodeResourcesFit')
  await expect(unschedulable).toContainText(/the 5-minute flush moves it in \d+\.\d s/)
  // Growing a node is a NodeUpdate the NodeResourcesFit queueing hint accepts: the Pod runs.
  await (await schedulerTab(app, 'nodes')).click()
  await page.getByTestId('manage-node-1').click()
  await page.getByTestId('capacity-cpu-node-1').fill('8')
  await page.getByRole('button', { name: 'Set capacity (kubelet reports it)' }).click()
  await expect(await app.podRow('big')).toContainText('Running', { timeout: 30_000 })
  await expect(await app.podRow('big')).toContainText('node-1')
  await app.expectNoA11yViolations()
})

test('a high-priority Pod preempts a lower-priority one on a full node', async ({ app, page }) => {
  await app.open('?seed=2&nodes=1')
  await app.fastForward()
  await app.applyUntilRunning(BIG_CPU_POD_TEMPLATE.replace('cpu: "6"', 'cpu: "3"'), 'big')
  await app.openTab('manifest')
  await page.getByTestId('template-picker').selectOption('priority')
  await app.apply()
  await expect(page.getByTestId('apply-output')).toContainText('pod/vip created')
  await pickPod(app, 'default/vip')
  await (await schedulerTab(app, 'why')).click()
  await expect(page.getByTestId('why-pending')).toContainText(
    'Preemption nominated node-1: 1 lower-priority Pod(s) are being evicted (default/big)',
    { timeout: 20_000 },
  )
  await expect(await app.podRow('vip')).toContainText('Running', { timeout: 45_000 })
  await expect(await app.podRow('big')).toHaveCount(0)
})

test('screenshots of the scheduler panel at 1280x800 and 390x844', async ({ app, page }) => {
  // Four commands, two Pods to their end state and seven views: about 50 s on a busy machine.
  test.setTimeout(120_000)
  await app.open('?seed=1&nodes=4')
  await app.fastForward()
  await app.runKubectl('taint nodes node-3 dedicated=gpu:NoSchedule', 'node/node-3 tainted')
  await app.runKubectl('cordon node-2', 'node/node-2 cordoned')
  await app.applyUntilRunning(POD_TEMPLATE, 'web')
  await applyBigPodUntilPending(app, page)
  await pickPod(app, 'default/web')
  const panel = page.getByTestId('scheduler-view')
  await page
    .getByTestId('skip-animation')
    .click({ timeout: 2_000 })
    .catch(() => undefined)
  await panel.scrollIntoViewIfNeeded()
  await panel.screenshot({ path: 'e2e/screenshots/scheduler-matrix-1280x800.png' })
  await pickPod(app, 'default/big')
  await (await schedulerTab(app, 'why')).click()
  await panel.screenshot({ path: 'e2e/screenshots/scheduler-why-1280x800.png' })
  await (await schedulerTab(app, 'queue')).click()
  await panel.screenshot({ path: 'e2e/screenshots/scheduler-queue-1280x800.png' })
  await (await schedulerTab(app, 'nodes')).click()
  await page.getByTestId('manage-node-3').click()
  await panel.screenshot({ path: 'e2e/screenshots/scheduler-nodes-1280x800.png' })
  await page.setViewportSize({ width: 390, height: 844 })
  await (await schedulerTab(app, 'why')).click()
  await panel.screenshot({ path: 'e2e/screenshots/scheduler-why-390x844.png' })
  await pickPod(app, 'default/web')
  await (await schedulerTab(app, 'decision')).click()
  await panel.screenshot({ path: 'e2e/screenshots/scheduler-matrix-390x844.png' })
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - window.innerWidth,
  )
  expect(overflow).toBeLessThanOrEqual(0)
})
