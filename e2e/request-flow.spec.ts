import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'
import { POD_TEMPLATE, REPLICASET_TEMPLATE } from '../src/ui/viz/manifest-templates'

/** Records, in the page, the order in which flow steps become active. */
async function recordActiveSteps(page: Page): Promise<void> {
  await page.evaluate(() => {
    const seen: number[] = []
    ;(window as unknown as { __activeSteps: number[] }).__activeSteps = seen
    const list = document.querySelector('.steps')
    if (!list) throw new Error('no steps list')
    new MutationObserver(() => {
      const active = list.querySelector('[data-state="active"]')?.getAttribute('data-testid')
      const step = Number(active?.replace('flow-step-', ''))
      if (step && seen[seen.length - 1] !== step) seen.push(step)
    }).observe(list, { attributes: true, subtree: true, attributeFilter: ['data-state'] })
  })
}

test('applying a Pod lights up the six steps in turn and the Pod reaches Running', async ({
  app,
  page,
}) => {
  await app.open()
  await app.setSpeed('4')
  await recordActiveSteps(page)
  await app.setManifest(POD_TEMPLATE)
  await app.apply()
  await expect(page.getByTestId('apply-output')).toHaveText('pod/web created')
  await expect(app.stepItem(3)).toHaveAttribute('data-state', /active|done/)
  await expect(await app.podRow('web')).toContainText('Running', { timeout: 45_000 })
  const order = await page.evaluate(
    () => (window as unknown as { __activeSteps: number[] }).__activeSteps,
  )
  expect(order).toEqual([1, 2, 3, 4, 5, 6])
  for (const step of [1, 2, 3, 4, 5, 6])
    await expect(app.stepItem(step)).toHaveAttribute('data-state', /done|active/)
  await expect(await app.podRow('web')).toContainText(/node-\d/)
  await app.openTab('events')
  await expect(page.getByTestId('event-log')).toContainText(
    'Successfully assigned default/web to node-',
  )
  await expect(page.getByTestId('pod-chip-web')).toBeVisible()
})

test('screenshots of the map mid-flow at 1280x800 and 390x844', async ({ app, page }) => {
  // Two Pods followed hop by hop at 1x, Raft replication included: slower than the default budget.
  test.setTimeout(120_000)
  await app.open()
  await app.setManifest(POD_TEMPLATE)
  await app.apply()
  await expect(app.stepItem(3)).toHaveAttribute('data-state', 'active', { timeout: 30_000 })
  await expect(page.locator('circle.message').first()).toBeAttached()
  await app.screenshot('flow-mid-1280x800')
  await page.setViewportSize({ width: 390, height: 844 })
  await app.setManifest(POD_TEMPLATE.replace('name: web\n', 'name: phone\n'))
  await app.apply()
  await expect(app.stepItem(4)).toHaveAttribute('data-state', /active|done/, { timeout: 30_000 })
  await app.screenshot('flow-mid-390x844')
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - window.innerWidth,
  )
  expect(overflow).toBeLessThanOrEqual(0)
})

test('a ReplicaSet of 3 gets three Running Pods, and a deleted one is replaced', async ({
  app,
  page,
}) => {
  await app.open()
  await app.fastForward()
  await app.setManifest(REPLICASET_TEMPLATE)
  await app.apply()
  await expect(page.getByTestId('apply-output')).toHaveText('replicaset.apps/web created')
  await app.openTab('pods')
  const running = page.locator('[data-testid^="pod-row-web-"]', { hasText: 'Running' })
  await expect(running).toHaveCount(3, { timeout: 30_000 })
  const victim = (await running.first().locator('td').first().textContent()) ?? ''
  await app.runKubectl(`delete pod ${victim}`, `pod "${victim}" deleted`)
  await expect(await app.podRow(victim)).toHaveCount(0, { timeout: 30_000 })
  await app.openTab('pods')
  await expect(running).toHaveCount(3, { timeout: 30_000 })
  await app.screenshot('replicaset-1280')
})
