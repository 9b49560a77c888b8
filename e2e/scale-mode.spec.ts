import { expect, test } from './fixtures'
import type { Page } from '@playwright/test'

// A cluster big enough for three racks, small enough to fill in seconds on a shared machine.
const SCALE_LINK = '/?scale=1&nodes=250&pods=2500'

/** Records every frame the worker posts (seq, virtual time, Pods) before the page handles it. */
async function recordFrames(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const log: { seq: number; simTimeMs: number; pods: number; atWallMs: number }[] = []
    Object.assign(window, { __frames: log })
    const Native = window.Worker
    window.Worker = class extends Native {
      constructor(url: string | URL, options?: WorkerOptions) {
        super(url, options)
        this.addEventListener('message', (event: MessageEvent) => {
          const data = event.data as {
            type: string
            frame?: { seq: number; simTimeMs: number; scale?: { totals: { pods: number } } }
          }
          if (data.type === 'frame' && data.frame)
            log.push({
              seq: data.frame.seq,
              simTimeMs: data.frame.simTimeMs,
              pods: data.frame.scale?.totals.pods ?? -1,
              atWallMs: performance.now(),
            })
        })
      }
    }
  })
}

const frames = (page: Page) =>
  page.evaluate(
    () =>
      (window as unknown as { __frames: { seq: number; simTimeMs: number; pods: number }[] })
        .__frames,
  )

async function setHidden(page: Page, hidden: boolean): Promise<void> {
  await page.evaluate((hide) => {
    Object.defineProperty(document, 'visibilityState', {
      configurable: true,
      get: () => (hide ? 'hidden' : 'visible'),
    })
    document.dispatchEvent(new Event('visibilitychange'))
  }, hidden)
}

test.describe('scale mode', () => {
  test('the deep link opens the overview; zoom to a rack and to a node', async ({ app, page }) => {
    await page.goto(SCALE_LINK)
    const heading = page.getByTestId('scale-heading')
    await expect(heading).toContainText('250 worker nodes', { timeout: 30_000 })
    await expect(heading).toContainText('of 2,500 Pods')
    await expect(page.getByTestId('scale-canvas')).toBeVisible()
    await expect(page.getByTestId('rack-select').locator('option')).toHaveCount(4)
    // The cluster fills: Deployments add Pods over time.
    // CoreDNS's Deployment (kube-system) is not counted: the scale run's are.
    await expect(heading).toContainText(/· [1-9]\d* Deployments?\b/, { timeout: 30_000 })
    await expect(page.getByTestId('message-sample')).toContainText('Messages')
    for (const [width, height] of [
      [1280, 800],
      [1024, 768],
      [390, 844],
    ] as const) {
      await page.setViewportSize({ width, height })
      await app.screenshot(`scale-overview-${String(width)}x${String(height)}`)
    }
    await page.setViewportSize({ width: 1280, height: 800 })
    // Click the second rack on the canvas (its first cell): zoomed to node-101 … node-200.
    const canvas = page.getByTestId('scale-canvas')
    // Named once, described by the heading's live totals (its name does not change every frame).
    await expect(canvas).toHaveAccessibleName(/^Every node as a cell, in racks of 100/)
    await expect(canvas).toHaveAccessibleDescription(/250 worker nodes · [\d,]+ of 2,500 Pods/)
    const rackBox = await canvas.evaluate((c) => c.getBoundingClientRect().width)
    expect(rackBox).toBeGreaterThan(200)
    await page.getByTestId('rack-select').selectOption({ label: 'nodes 101–200' })
    await expect(page.getByTestId('rack-canvas')).toBeVisible()
    await app.screenshot('scale-rack-1280x800')
    await page.getByTestId('node-select').selectOption('node-150')
    const nodePods = page.getByTestId('node-pods')
    await expect(nodePods).toContainText(/node-150: Ready, \d+ Pods?/)
    await expect(page.getByTestId('node-pod-row').first()).toBeVisible({ timeout: 30_000 })
    await app.screenshot('scale-node-1280x800')
    await page.getByRole('button', { name: 'All nodes' }).click()
    await expect(page.getByTestId('scale-canvas')).toBeVisible()
  })

  test('a click on the canvas zooms to the rack under it', async ({ page }) => {
    await page.goto(SCALE_LINK)
    await expect(page.getByTestId('scale-heading')).toContainText('250 worker nodes', {
      timeout: 30_000,
    })
    // The first rack's label is at the top left; its cells start 18 px below.
    await page.getByTestId('scale-canvas').click({ position: { x: 20, y: 40 } })
    await expect(page.getByTestId('rack-canvas')).toBeVisible()
    await expect(page.getByTestId('rack-select')).toHaveValue('0')
  })

  test('the Pods table renders only the rows in view', async ({ app, page }) => {
    await page.goto(SCALE_LINK)
    await expect(page.getByTestId('scale-heading')).toContainText(/\d{3,} of 2,500 Pods/, {
      timeout: 60_000,
    })
    await app.openTab('pods')
    const table = page.getByTestId('pods-table')
    await expect(table.locator('tbody tr td').first()).not.toHaveText('…', { timeout: 15_000 })
    const rows = await table.locator('tbody tr[data-testid^="pod-row-"]').count()
    expect(rows).toBeGreaterThan(5)
    expect(rows).toBeLessThan(60)
    const total = Number(await table.getAttribute('aria-rowcount')) - 1
    expect(total).toBeGreaterThan(200)
    // Scrolled down, other rows are fetched and drawn; still only a window of them.
    await page.locator('.virtual-pods').evaluate((box) => {
      box.scrollTop = 200 * 28
    })
    await expect(table.locator('tbody tr[aria-rowindex="212"]')).toHaveAttribute(
      'data-testid',
      /^pod-row-/,
    )
    expect(await table.locator('tbody tr').count()).toBeLessThan(70)
    await app.screenshot('scale-pods-1280x800')
  })

  test('the Scheduler tab shows one decision whole and long enough to read it', async ({
    app,
    page,
  }) => {
    await recordFrames(page)
    await page.goto(SCALE_LINK)
    await expect(page.getByTestId('scale-heading')).toContainText(/\d{3,} of 2,500 Pods/, {
      timeout: 60_000,
    })
    // The worker sends decisions as headlines, and whole only the one the panel shows.
    await app.openTab('scheduler')
    const matrix = page.getByTestId('decision-matrix')
    // Held for a few seconds while newer decisions come in: its reveal gets to the end.
    await expect(matrix).toHaveAttribute('data-phase', 'done', { timeout: 20_000 })
    expect(await matrix.locator('tbody tr').count()).toBeGreaterThan(1)
    await expect(page.getByTestId('pod-picker').locator('option')).not.toHaveCount(1)
    await app.screenshot('scale-scheduler-1280x800')
  })

  test('a hidden tab gets no frames and catches up in one frame when shown', async ({ page }) => {
    await recordFrames(page)
    await page.goto(SCALE_LINK)
    await expect(page.getByTestId('scale-heading')).toContainText('Deployments', {
      timeout: 30_000,
    })
    await setHidden(page, true)
    // A frame may have been on its way when the page said so.
    await page.waitForTimeout(300)
    const before = await frames(page)
    await page.waitForTimeout(3000)
    const whileHidden = await frames(page)
    expect(whileHidden.length).toBe(before.length)
    const last = whileHidden.at(-1)
    await setHidden(page, false)
    await expect.poll(async () => (await frames(page)).length).toBeGreaterThan(before.length)
    const catchUp = (await frames(page))[before.length]
    // One frame: the next in sequence, carrying what the simulation did while the tab was hidden.
    expect(catchUp?.seq).toBe((last?.seq ?? 0) + 1)
    expect(catchUp?.simTimeMs ?? 0).toBeGreaterThan(last?.simTimeMs ?? 0)
    expect(catchUp?.pods ?? 0).toBeGreaterThanOrEqual(last?.pods ?? 0)
  })

  test('a big cluster outside scale mode gets the overview by itself, and every node on request', async ({
    app,
    page,
  }) => {
    await page.goto('/?nodes=60')
    const note = page.getByTestId('map-switch')
    await expect(note).toContainText('60 nodes: too many to draw one by one', { timeout: 60_000 })
    await expect(page.getByTestId('scale-canvas')).toBeVisible()
    await expect(page.getByTestId('scale-heading')).toContainText('60 worker nodes')
    await expect(page.getByTestId('host-node-1')).toHaveCount(0)
    await app.screenshot('scale-auto-overview-1280x800')
    await page.getByRole('button', { name: 'Draw every node' }).click()
    await expect(page.getByTestId('host-node-60')).toBeAttached()
    // The map is taller than its box: it scrolls there, by keyboard too.
    await expect(page.getByRole('region', { name: 'Cluster map, every node' })).toBeVisible()
    await page.getByRole('button', { name: 'Show the overview' }).click()
    await expect(page.getByTestId('scale-canvas')).toBeVisible()
  })

  test('a dozen nodes, what lessons use, are drawn one by one even on a phone', async ({
    page,
  }) => {
    await page.setViewportSize({ width: 390, height: 844 })
    await page.goto('/?nodes=12')
    await expect(page.getByTestId('host-node-12')).toBeAttached({ timeout: 60_000 })
    await expect(page.getByTestId('map-switch')).toHaveCount(0)
  })

  test('a bad parameter gets a warning and a sane default', async ({ page }) => {
    await page.goto('/?scale=1&nodes=120&pods=999999')
    await expect(
      page.getByText('Ignored pods=999999: expected a whole number from 0 to 150000; using 3600.'),
    ).toBeVisible()
    await expect(page.getByTestId('scale-heading')).toContainText('of 3,600 Pods', {
      timeout: 30_000,
    })
  })
})
