import { expect, test, type VisualizerPage } from './fixtures'
import { BIG_CPU_POD_TEMPLATE } from '../src/ui/viz/manifest-templates'

const within = (
  inner: { x: number; y: number; width: number; height: number } | null,
  outer: { x: number; y: number; width: number; height: number } | null,
) =>
  inner !== null &&
  outer !== null &&
  inner.x >= outer.x &&
  inner.y >= outer.y &&
  inner.x + inner.width <= outer.x + outer.width &&
  inner.y + inner.height <= outer.y + outer.height

async function stopEveryEtcdMember(app: VisualizerPage): Promise<void> {
  await app.openTab('etcd')
  for (const id of ['etcd-1', 'etcd-2', 'etcd-3']) {
    const card = app.page.getByTestId(`raft-card-${id}`)
    await card.getByRole('button', { name: 'Stop' }).click()
    await expect(card).toContainText('stopped')
  }
}

test('a Pod no node can hold is drawn in the Pending tray beside the control plane', async ({
  app,
  page,
}) => {
  await app.open()
  await app.fastForward()
  await app.setManifest(BIG_CPU_POD_TEMPLATE)
  await app.apply()
  const chip = page.getByTestId('pod-chip-big')
  await expect(chip).toBeVisible({ timeout: 20_000 })
  expect(
    within(await chip.boundingBox(), await page.getByTestId('host-pending').boundingBox()),
  ).toBe(true)
  await expect(app.stepItem(3)).toHaveAttribute('data-state', 'waiting', { timeout: 20_000 })
  await expect(page.getByTestId('narration')).toContainText('Insufficient cpu')
})

test('the map shows the etcd leader, stopped members, and etcd unavailable; kubectl then fails after the request timeout', async ({
  app,
  page,
}) => {
  await app.open()
  await expect(page.locator('[data-testid^="component-etcd-"][data-status="leader"]')).toHaveCount(
    1,
  )
  await app.fastForward()
  await stopEveryEtcdMember(app)
  for (const id of ['etcd-1', 'etcd-2', 'etcd-3'])
    await expect(page.getByTestId(`component-${id}`)).toHaveAttribute('data-status', 'stopped')
  await expect(page.getByTestId('etcd-badge')).toHaveText(/unavailable/)
  await expect(page.getByTestId('component-kube-apiserver')).toHaveAttribute(
    'data-status',
    'etcd unreachable',
  )
  await expect(page.getByTestId('raft-health')).toContainText(
    'etcd is unavailable: no member is running',
  )
  await app.screenshot('etcd-down-1280x800')
  // The status line says it in one line, what requests then do on a click; on a projector the
  // whole cluster stays in view beside it.
  await page.setViewportSize({ width: 1024, height: 768 })
  const alert = page.getByTestId('cluster-alerts')
  const shown = { useInnerText: true }
  await expect(alert).toHaveText('etcd is unavailable: no member is running.', shown)
  await alert.getByText('etcd is unavailable').click()
  await expect(alert).toContainText('then fails with “504 Timeout”', shown)
  const map = await page.getByTestId('cluster-map').boundingBox()
  for (const id of ['host-laptop', 'host-control-plane', 'host-pending', 'host-node-3'])
    expect(within(await page.getByTestId(id).boundingBox(), map), `${id} in view`).toBe(true)
  await page.setViewportSize({ width: 1280, height: 800 })
  const before = await app.state((s) => s.simTimeMs)
  await app.runKubectl(
    'get pods',
    'Error from server (Timeout): the server was unable to return a response in the time allotted, but may still be processing the request (get pods)',
  )
  const after = await app.state((s) => s.simTimeMs)
  expect(after - before).toBeGreaterThanOrEqual(60_000)
})

test('split brain shows on the map: read-only without a quorum, and the majority’s leader', async ({
  app,
  page,
}) => {
  await app.open()
  await app.fastForward()
  await app.openTab('etcd')
  await page
    .getByRole('group', { name: 'etcd cluster actions' })
    .getByRole('button', { name: 'Split brain' })
    .click()
  await expect(page.getByTestId('etcd-badge')).toHaveText(/no quorum/, { timeout: 20_000 })
  await expect(page.getByTestId('component-kube-apiserver')).toHaveAttribute(
    'data-status',
    'read-only',
  )
  const leaders = page.locator('[data-testid^="component-etcd-"][data-status="leader"]')
  await expect(leaders).toHaveCount(1, { timeout: 20_000 })
  await expect(leaders).not.toHaveAttribute('data-testid', 'component-etcd-1')
  await app.screenshot('split-brain-1280x800')
})
