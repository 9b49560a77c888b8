import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'
import { LessonPage } from './pages/LessonPage'
import { POD_TEMPLATE } from '../src/ui/viz/manifest-templates'

interface Rect {
  id: string
  x: number
  y: number
  width: number
  height: number
}

/** Screen boxes of the map's static text: titles, names, badges, chips (not moving messages). */
async function mapTexts(page: Page): Promise<Rect[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('[data-testid="cluster-map"] svg text')]
      .filter((t) => !t.closest('.messages') && t.textContent.trim() !== '')
      .map((t, i) => {
        const r = t.getBoundingClientRect()
        return {
          id: `${t.closest('[data-testid]')?.getAttribute('data-testid') ?? ''}#${String(i)}:${t.textContent}`,
          x: r.x,
          y: r.y,
          width: r.width,
          height: r.height,
        }
      }),
  )
}

const overlapArea = (a: Rect, b: Rect) =>
  Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)) *
  Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y))

/** Font sizes as drawn (CSS size × the map's zoom), under 12 px. */
async function smallMapText(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const svg = document.querySelector<SVGSVGElement>('[data-testid="cluster-map"] svg')
    if (!svg) return ['no map']
    const zoom = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width
    return [...svg.querySelectorAll('text')]
      .filter((t) => t.textContent.trim() !== '')
      .flatMap((t) => {
        const px = parseFloat(getComputedStyle(t).fontSize) * zoom
        return px < 11.99 ? [`${t.textContent}: ${px.toFixed(1)} px`] : []
      })
  })
}

async function inViewport(page: Page, testId: string): Promise<boolean> {
  const box = await page.getByTestId(testId).boundingBox()
  const size = page.viewportSize()
  if (!box || !size) return false
  return (
    box.x >= 0 &&
    box.y >= 0 &&
    box.x + box.width <= size.width + 0.5 &&
    box.y + box.height <= size.height + 0.5
  )
}

for (const [width, height] of [
  [1280, 800],
  [1024, 768],
] as const) {
  test(`at ${width}x${height} the whole cluster, the step list and apply are in view, and apply does not scroll`, async ({
    app,
    page,
  }) => {
    await page.setViewportSize({ width, height })
    await app.open()
    for (const id of [
      'host-laptop',
      'host-control-plane',
      'host-pending',
      'host-node-1',
      'host-node-2',
      'host-node-3',
      'flow',
      'apply',
      'timeline',
      'play-pause',
    ])
      expect(await inViewport(page, id), `${id} in the viewport`).toBe(true)
    // The landscape layout: the nodes stand side by side.
    const node1 = await page.getByTestId('host-node-1').boundingBox()
    const node3 = await page.getByTestId('host-node-3').boundingBox()
    expect(node1 && node3 && Math.abs(node1.y - node3.y) < 1).toBe(true)
    expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeLessThanOrEqual(
      height,
    )
    const mapBefore = await page.getByTestId('cluster-map').boundingBox()
    await app.setManifest(POD_TEMPLATE)
    await app.apply()
    await expect(app.stepItem(1)).toHaveAttribute('data-state', /active|done/)
    expect(await page.evaluate(() => window.scrollY)).toBe(0)
    expect(await page.getByTestId('cluster-map').boundingBox()).toEqual(mapBefore)
    expect(await smallMapText(page)).toEqual([])
    await app.screenshot(`layout-${String(width)}x${String(height)}`)
  })
}

const within = (inner: Rect, outer: Omit<Rect, 'id'>) =>
  inner.x >= outer.x - 0.5 &&
  inner.y >= outer.y - 0.5 &&
  inner.x + inner.width <= outer.x + outer.width + 0.5 &&
  inner.y + inner.height <= outer.y + outer.height + 0.5

for (const [width, height] of [
  [1280, 800],
  [1024, 768],
] as const) {
  test(`at ${width}x${height} an HA control plane (three of each behind a load balancer) fits the map box, every worker node in it`, async ({
    app,
    page,
  }) => {
    await page.setViewportSize({ width, height })
    await app.open('?seed=1&controlplanes=3')
    await expect(page.locator('[data-testid^="component-kube-controller-manager"]')).toHaveCount(3)
    // The map box clips (it never scrolls in the one-screen layout): what lies outside is lost.
    const mapBox = await page.locator('.map-area').boundingBox()
    expect(mapBox).not.toBeNull()
    const drawn = await page.evaluate(() =>
      [
        ...document.querySelectorAll(
          '[data-testid="cluster-map"] [data-testid^="host-"], [data-testid="cluster-map"] [data-testid^="component-"]',
        ),
      ].map((e) => {
        const r = e.getBoundingClientRect()
        const id = e.getAttribute('data-testid') ?? ''
        return { id, x: r.x, y: r.y, width: r.width, height: r.height }
      }),
    )
    const ids = drawn.map((d) => d.id)
    for (const id of ['host-node-1', 'host-node-2', 'host-node-3', 'component-kubelet/node-3'])
      expect(ids).toContain(id)
    const outside = drawn.filter((d) => mapBox && !within(d, mapBox)).map((d) => d.id)
    expect(outside, 'drawn outside the map box').toEqual([])
    expect(await smallMapText(page)).toEqual([])
    const texts = await mapTexts(page)
    const overlapping = texts.flatMap((a, i) =>
      texts.slice(i + 1).flatMap((b) => (overlapArea(a, b) > 1 ? [`${a.id} × ${b.id}`] : [])),
    )
    expect(overlapping).toEqual([])
    await app.screenshot(`layout-ha-${String(width)}x${String(height)}`)
  })
}

for (const [width, height] of [
  [360, 740],
  [390, 844],
  [1920, 1080],
  [2560, 1440],
] as const) {
  test(`at ${width}x${height}: no overflow, map text ≥ 12 px, no map label overlapping another`, async ({
    app,
    page,
  }) => {
    await page.setViewportSize({ width, height })
    await app.open()
    await app.fastForward()
    await app.applyUntilRunning(POD_TEMPLATE, 'web')
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - window.innerWidth,
    )
    expect(overflow).toBeLessThanOrEqual(0)
    expect(await smallMapText(page)).toEqual([])
    const texts = await mapTexts(page)
    const clashes: string[] = []
    for (const [i, a] of texts.entries())
      for (const b of texts.slice(i + 1))
        if (overlapArea(a, b) > 1) clashes.push(`${a.id} × ${b.id}`)
    expect(clashes).toEqual([])
    // Every component's name fits inside its box.
    const clipped = await page.evaluate(() =>
      [...document.querySelectorAll('g.component')].flatMap((g) => {
        const rect = g.querySelector('rect')?.getBBox()
        const text = g.querySelector('text')?.getBBox()
        return rect && text && (text.width > rect.width - 4 || text.height > rect.height)
          ? [g.getAttribute('data-testid')]
          : []
      }),
    )
    expect(clipped).toEqual([])
    await expect(page.getByTestId('component-kube-controller-manager')).toBeVisible()
    if (width < 1024) {
      // On a phone the step list and narration stay on screen while the map scrolls by.
      await page.getByTestId('host-node-1').scrollIntoViewIfNeeded()
      expect(await inViewport(page, 'flow')).toBe(true)
    }
    await app.screenshot(`layout-${String(width)}x${String(height)}`)
  })
}

for (const [width, height] of [
  [1280, 800],
  [390, 844],
] as const) {
  test(`at ${width}x${height} message labels never overlap each other or any text of the map, one per link`, async ({
    app,
    page,
  }) => {
    await page.setViewportSize({ width, height })
    await app.open()
    await app.setManifest(POD_TEMPLATE)
    await app.apply()
    const clashes: string[] = []
    let seenLabels = 0
    for (let sample = 0; sample < 30; sample++) {
      await page.waitForTimeout(150)
      const found = await page.evaluate(() => {
        const box = (el: Element) => {
          const r = el.getBoundingClientRect()
          return { x: r.x, y: r.y, width: r.width, height: r.height, text: el.textContent }
        }
        const svg = document.querySelector('[data-testid="cluster-map"] svg')
        if (!svg) return { labels: [], texts: [] }
        const labels = [...svg.querySelectorAll('text.message-label')].map(box)
        const texts = [...svg.querySelectorAll('text')]
          .filter((t) => !t.classList.contains('message-label') && t.textContent.trim() !== '')
          .map(box)
        return { labels, texts }
      })
      seenLabels += found.labels.length
      for (const [i, a] of found.labels.entries()) {
        for (const b of found.labels.slice(i + 1))
          if (overlapArea(rect(a), rect(b)) > 1) clashes.push(`${a.text} × ${b.text}`)
        for (const t of found.texts)
          if (overlapArea(rect(a), rect(t)) > 1) clashes.push(`${a.text} × ${t.text}`)
      }
    }
    expect(clashes).toEqual([])
    expect(seenLabels).toBeGreaterThan(0)
  })
}

const rect = (b: { x: number; y: number; width: number; height: number }): Rect => ({
  id: '',
  ...b,
})

test('the selected dock tab stays in view when the window narrows to a projector’s 1024 px', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 800 })
  // A lesson step brings the Load tab to the front (nothing focused keeps it in view).
  await new LessonPage(page).openLink('list-cost', 1)
  await expect(page.getByTestId('tab-load')).toHaveAttribute('aria-selected', 'true')
  await page.setViewportSize({ width: 1024, height: 768 })
  const inside = async () =>
    page.evaluate(() => {
      const tab = document.querySelector('[data-testid="tab-load"]')?.getBoundingClientRect()
      const list = document.querySelector('[data-testid="tab-load"]')?.parentElement
      const bar = list?.getBoundingClientRect()
      if (!tab || !bar || !list) return 'missing'
      const overflows = list.scrollWidth > list.clientWidth
      return overflows && tab.left >= bar.left - 0.5 && tab.right <= bar.right + 0.5
        ? 'in view'
        : `tab ${String(tab.left)}–${String(tab.right)}, bar ${String(bar.left)}–${String(bar.right)}, overflows ${String(overflows)}`
    })
  await expect.poll(inside).toBe('in view')
})
