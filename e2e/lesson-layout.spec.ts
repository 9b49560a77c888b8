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

/** How many lines of text an element takes (its height over its line height). */
const lines = (target: Locator) =>
  target.evaluate((el) => {
    const style = getComputedStyle(el)
    const lineHeight =
      Number.parseFloat(style.lineHeight) || Number.parseFloat(style.fontSize) * 1.2
    return Math.round(el.getBoundingClientRect().height / lineHeight)
  })

for (const [width, height] of [
  [1280, 800],
  [1024, 768],
] as const) {
  test(`issue 14's lessons at ${width}x${height}: the header on one line, the Secrets and Access controls the step needs in view`, async ({
    app,
    page,
  }) => {
    await page.setViewportSize({ width, height })
    const course = new LessonPage(page)
    // The RBAC lesson's "Ask before you try": the Can I row, whole, without scrolling the dock.
    await course.openLink('rbac', 2)
    await expect(page.getByTestId('tab-access')).toHaveAttribute('aria-selected', 'true')
    // The kicker (LESSON · DEVELOPER · 8 MIN) and its two buttons share one line.
    const kicker = page.locator('.lesson-kicker')
    expect(await lines(kicker)).toBe(1)
    const kickerBox = await kicker.boundingBox()
    for (const id of ['fold-lesson', 'exit-lesson']) {
      const box = await page.getByTestId(id).boundingBox()
      expect(box && kickerBox && box.y < kickerBox.y + kickerBox.height, id).toBe(true)
      expect(box && box.height >= 24 && box.height <= 36, id).toBe(true)
    }
    const canI = page.getByRole('form', { name: 'Can I' })
    for (const control of [
      canI.locator('#can-i-verb'),
      canI.locator('#can-i-resource'),
      canI.locator('#can-i-namespace'),
      canI.getByRole('button', { name: 'Ask', exact: true }),
    ]) {
      expect(await onScreen(page, control)).toBe(true)
      expect(await unclipped(control, '.tabpanel')).toBe(true)
    }
    // The Access tab's own two views: both tabs whole, inside the dock.
    const dockBox = await page.getByTestId('dock').boundingBox()
    for (const name of ['Why allowed or denied?', 'How kubectl connects']) {
      const box = await page.getByRole('tab', { name }).boundingBox()
      expect(box && dockBox && box.x + box.width <= dockBox.x + dockBox.width, name).toBe(true)
    }
    await app.screenshot(`lesson-rbac-ask-${String(width)}x${String(height)}`)
    // Every tab of the dock is a readable target of its own, none over another.
    const tabs = await page.getByRole('tablist', { name: 'Panels' }).getByRole('tab').all()
    expect(tabs.length).toBeGreaterThanOrEqual(13)
    const boxes = await Promise.all(tabs.map((t) => t.boundingBox()))
    for (const [i, box] of boxes.entries()) {
      expect(box && box.width >= 24 && box.height >= 24, `tab ${String(i)}`).toBe(true)
      for (const other of boxes.slice(i + 1))
        expect(
          box &&
            other &&
            (box.x + box.width <= other.x + 0.5 ||
              other.x + other.width <= box.x + 0.5 ||
              box.y + box.height <= other.y + 0.5 ||
              other.y + other.height <= box.y + 0.5),
          'tabs overlap',
        ).toBe(true)
    }
    const fontPx = await page
      .getByRole('tablist', { name: 'Panels' })
      .getByRole('tab')
      .first()
      .evaluate((el) => Number.parseFloat(getComputedStyle(el).fontSize))
    expect(fontPx).toBeGreaterThanOrEqual(12)
    // The tab row leaves the panel its room: at most three rows of tabs.
    const rows = new Set(boxes.map((b) => Math.round(b?.y ?? 0)))
    expect(rows.size).toBeLessThanOrEqual(width >= 1280 ? 2 : 3)

    // The Secrets lesson's "Turn on aescbc": the template and the write-and-restart button.
    await course.openLink('secrets-encryption', 2)
    await expect(page.getByTestId('tab-secrets')).toHaveAttribute('aria-selected', 'true')
    for (const control of [
      page.locator('#enc-template'),
      page.getByTestId('apply-encryption'),
      page.getByTestId('rewrite-secrets'),
    ]) {
      expect(await onScreen(page, control)).toBe(true)
      expect(await unclipped(control, '.tabpanel')).toBe(true)
    }
    // Step 1's inspector follows: the key to look at is in view too.
    expect(await onScreen(page, page.getByTestId('etcd-key'))).toBe(true)
    await app.screenshot(`lesson-secrets-aescbc-${String(width)}x${String(height)}`)
  })
}
