import { expect, test, type VisualizerPage } from './fixtures'
import { BIG_CPU_POD_TEMPLATE, POD_TEMPLATE } from '../src/ui/viz/manifest-templates'

const SIZES = [
  [390, 844],
  [1024, 768],
  [1280, 800],
  [1920, 1080],
] as const

/** The current view at every size a student, an instructor and a projector use. */
async function atEverySize(app: VisualizerPage, name: string): Promise<void> {
  for (const [width, height] of SIZES) {
    await app.page.setViewportSize({ width, height })
    await app.page.waitForTimeout(300)
    await app.page.screenshot({
      path: `e2e/screenshots/${name}-${String(width)}x${String(height)}.png`,
    })
  }
  await app.page.setViewportSize({ width: 1280, height: 800 })
}

test('screenshots: the flow mid-step, a Pending Pod, split brain and etcd down, at four sizes', async ({
  app,
  page,
}) => {
  test.setTimeout(180_000)
  await app.open()
  await app.setManifest(POD_TEMPLATE)
  await app.apply()
  await expect(app.stepItem(2)).toHaveAttribute('data-state', 'active', { timeout: 30_000 })
  await page.getByTestId('play-pause').click()
  await atEverySize(app, 'flow-mid-step')
  await page.getByTestId('expert-detail').check()
  await expect(page.locator('circle.message').first()).toBeAttached()
  await atEverySize(app, 'flow-expert')
  await page.getByTestId('expert-detail').uncheck()
  await app.fastForward()
  await page.getByTestId('play-pause').click()
  await app.setManifest(BIG_CPU_POD_TEMPLATE)
  await app.apply()
  await expect(page.getByTestId('pod-chip-big')).toBeVisible({ timeout: 20_000 })
  await atEverySize(app, 'pending-pod')
  await app.openTab('etcd')
  await page
    .getByRole('group', { name: 'etcd cluster actions' })
    .getByRole('button', { name: 'Split brain' })
    .click()
  await expect(page.getByTestId('etcd-badge')).toHaveText(/no quorum/, { timeout: 20_000 })
  await expect(page.locator('[data-status="leader"]')).toHaveCount(1, { timeout: 20_000 })
  await atEverySize(app, 'split-brain')
  await page
    .getByRole('group', { name: 'etcd cluster actions' })
    .getByRole('button', { name: 'Heal network' })
    .click()
  for (const id of ['etcd-1', 'etcd-2', 'etcd-3'])
    await page.getByTestId(`raft-card-${id}`).getByRole('button', { name: 'Stop' }).click()
  await expect(page.getByTestId('etcd-badge')).toHaveText(/unavailable/)
  await atEverySize(app, 'etcd-down')
})
