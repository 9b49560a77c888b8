import type { Locator, Page } from '@playwright/test'
import { expect, test } from './fixtures'
import { LessonPage } from './pages/LessonPage'

/** Whether the whole of an element is inside the window, as drawn now (no scrolling). */
async function onScreen(page: Page, target: Locator): Promise<boolean> {
  const box = await target.boundingBox()
  const size = page.viewportSize()
  if (!box || !size) return false
  return box.y >= 0 && box.y + box.height <= size.height + 0.5 && box.x + box.width <= size.width
}

/** Whether the whole of an element shows inside the box that clips it (a scroll region). */
async function unclipped(target: Locator, clipSelector: string): Promise<boolean> {
  return target.evaluate((el, selector) => {
    const clip = el.closest(selector)
    if (!clip) return false
    const r = el.getBoundingClientRect()
    const c = clip.getBoundingClientRect()
    return r.top >= c.top - 0.5 && r.bottom <= c.bottom + 0.5
  }, clipSelector)
}

/** The nearest ancestor that clips or scrolls an element: its class name. */
const scroller = (target: Locator) =>
  target.evaluate((el) => {
    for (let p = el.parentElement; p; p = p.parentElement)
      if (getComputedStyle(p).overflowY !== 'visible') return p.className
    return 'none'
  })

const fade = (page: Page) =>
  page
    .getByTestId('lesson-step')
    .locator('.step-actions')
    .evaluate((el) => getComputedStyle(el, '::before').opacity)

for (const [width, height] of [
  [1280, 800],
  [1024, 768],
] as const) {
  test(`a lesson step at ${width}x${height} reads in one scroll, its controls pinned; the dock's named control in view`, async ({
    app,
    page,
  }) => {
    await page.setViewportSize({ width, height })
    const course = new LessonPage(page)
    await course.openLink('split-brain', 2)
    const step = page.getByTestId('lesson-step')
    await expect(page.getByTestId('prediction')).toBeVisible()
    // The narration, the question and the goals scroll together, in one region: the step.
    for (const part of [
      step.locator('.lesson-narration'),
      page.getByTestId('prediction'),
      step.locator('.goals'),
    ])
      expect(await scroller(part)).toBe('lesson-step')
    // More below: a fade says so, and the step's controls stay in view at the top and the end.
    await expect.poll(() => fade(page)).toBe('1')
    for (const id of ['show-me', 'reset-step', 'step-back', 'step-next'])
      expect(await unclipped(page.getByTestId(id), '.lesson-step'), id).toBe(true)
    await step.evaluate((el) => {
      el.scrollTop = el.scrollHeight
    })
    await expect.poll(() => fade(page)).toBe('0')
    const lastGoal = step.locator('.goals li').last()
    const actions = await step.locator('.step-actions').boundingBox()
    const goalBox = await lastGoal.boundingBox()
    expect(goalBox && actions && goalBox.y + goalBox.height <= actions.y).toBe(true)
    expect(await unclipped(page.getByTestId('step-next'), '.lesson-step')).toBe(true)
    // The control the step names (the etcd tab's Split brain) shows without scrolling the dock.
    await expect(page.getByTestId('tab-etcd')).toHaveAttribute('aria-selected', 'true')
    const splitBrain = page.getByRole('button', { name: 'Split brain' })
    expect(await onScreen(page, splitBrain)).toBe(true)
    expect(await unclipped(splitBrain, '.tabpanel')).toBe(true)
    for (const id of ['play-pause', 'host-control-plane', 'host-node-1', 'host-node-3', 'apply'])
      expect(await onScreen(page, page.getByTestId(id)), id).toBe(true)
    expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeLessThanOrEqual(
      height,
    )
    // The scheduler's and kubectl's controls a lesson names are in view too.
    await app.openTab('scheduler')
    const whyPending = page.getByRole('tab', { name: 'Why Pending?' })
    expect(await onScreen(page, whyPending)).toBe(true)
    expect(await unclipped(whyPending, '.tabpanel')).toBe(true)
    await app.openTab('kubectl')
    expect(await onScreen(page, page.getByTestId('kubectl-input'))).toBe(true)
    await app.screenshot(`lesson-layout-${String(width)}x${String(height)}`)
  })
}
