import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'
import { POD_TEMPLATE, REPLICASET_TEMPLATE } from '../src/ui/viz/manifest-templates'

/** Records, in the page, when each flow step is first shown lit (in cluster time). */
async function recordFirstLit(page: Page): Promise<void> {
  await page.evaluate(() => {
    const first: Record<string, number> = {}
    ;(window as unknown as { __firstLit: typeof first }).__firstLit = first
    const list = document.querySelector<HTMLElement>('[data-testid="flow-steps"]')
    if (!list) throw new Error('no steps list')
    new MutationObserver(() => {
      for (const li of list.querySelectorAll<HTMLElement>('[data-state="active"]')) {
        const step = li.dataset['testid'] ?? ''
        first[step] ??= Number(list.dataset['now'])
      }
    }).observe(list, { attributes: true, subtree: true, attributeFilter: ['data-state'] })
  })
}

test('applying a Pod lights the six steps in the course’s order and the Pod reaches Running', async ({
  app,
  page,
}) => {
  await app.open()
  await app.setSpeed('4')
  await app.setManifest(POD_TEMPLATE)
  await recordFirstLit(page)
  await app.apply()
  await expect(page.getByTestId('apply-output')).toHaveText('pod/web created')
  await expect(page.getByTestId('flow-caption')).toHaveText('Following Pod web, which you applied.')
  await expect(await app.podRow('web')).toContainText('Running', { timeout: 45_000 })
  await expect(page.getByTestId('narration')).toContainText('Done: Pod web is Running on node-')
  const first = await page.evaluate(
    () => (window as unknown as { __firstLit: Record<string, number> }).__firstLit,
  )
  const times = [1, 2, 3, 4, 5, 6].map((step) => first[`flow-step-${String(step)}`] ?? NaN)
  expect(times.every((t) => Number.isFinite(t))).toBe(true)
  expect([...times].sort((a, b) => a - b)).toEqual(times)
  await expect(await app.podRow('web')).toContainText(/node-\d/)
  await app.openTab('events')
  await expect(page.getByTestId('event-log')).toContainText(
    'Successfully assigned default/web to node-',
  )
  await expect(page.getByTestId('pod-chip-web')).toBeVisible()
})

test('screenshots of the map mid-flow at 1280x800 and 390x844', async ({ app, page }) => {
  // Two Pods followed hop by hop, Raft replication included: slower than the default budget.
  test.setTimeout(120_000)
  await app.open()
  // Slowing down for messages, a hop is on screen for 700 ms / speed: at 4x the map is still
  // caught mid-flow, in a quarter of 1x's wait.
  await app.setSpeed('4')
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
  // The step list follows the replacement the ReplicaSet controller creates, and says so.
  await expect(page.getByTestId('flow-caption')).toContainText(
    `ReplicaSet web’s replacement for ${victim}, which you deleted.`,
    { timeout: 30_000 },
  )
  await expect(page.getByTestId('narration')).toContainText('Done: Pod web-', { timeout: 30_000 })
  await expect(await app.podRow(victim)).toHaveCount(0, { timeout: 30_000 })
  await app.openTab('pods')
  await expect(running).toHaveCount(3, { timeout: 30_000 })
  await app.screenshot('replicaset-1280')
})
