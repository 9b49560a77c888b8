import { expect, test, APP_ORIGIN, BUILT_SITE, SECOND_ORIGIN } from './fixtures'
import type { Page } from '@playwright/test'

/** The example course page on the second origin, embedding the visualizer from `site`. */
const examplePage = (site: string, extra = '') =>
  `${SECOND_ORIGIN}/embed-example.html?site=${encodeURIComponent(site)}${extra}`

const events = (page: Page, log: 'frame' | 'element', type: string) =>
  page.locator(`#${log}-events [data-type="${type}"]`)

const framePlay = (page: Page) => page.frameLocator('#frame-embed').getByTestId('play-pause')

test('the example page embeds from a second origin: ready, resized, play/pause from the trusted page', async ({
  page,
}) => {
  await page.goto(examplePage(`${APP_ORIGIN}/`))
  const reserved = (await page.locator('#frame-embed').boundingBox())?.height ?? 0
  // Both embeds say ready and how tall they are.
  await expect(events(page, 'frame', 'ready')).toHaveCount(1, { timeout: 30_000 })
  await expect(events(page, 'frame', 'resized').first()).toBeAttached()
  await expect(events(page, 'element', 'ready')).toHaveCount(1, { timeout: 30_000 })
  // The host page obeys the resized event: the iframe is exactly as tall as the embed says.
  const reported = JSON.parse(
    (await events(page, 'frame', 'resized').last().textContent()) ?? '{}',
  ) as {
    height: number
  }
  const box = await page.locator('#frame-embed').boundingBox()
  expect(Math.round(box?.height ?? 0)).toBe(reported.height)
  // …which is the height the page reserved before it loaded: nothing below it moved.
  expect(Math.abs(reported.height - reserved)).toBeLessThanOrEqual(1)

  // Loading two embeds neither focused nor scrolled anything in the host page.
  expect(await page.evaluate(() => [document.activeElement?.tagName, window.scrollY])).toEqual([
    'BODY',
    0,
  ])

  // Commands from the trusted page (the iframe starts paused: no autoplay).
  await expect(framePlay(page)).toHaveAccessibleName('Play')
  await page.getByRole('button', { name: 'Play' }).nth(1).click()
  await expect(framePlay(page)).toHaveAccessibleName('Pause')
  await expect(events(page, 'frame', 'playback').last()).toContainText('"playing":true')
  await page.getByRole('button', { name: 'Pause' }).nth(1).click()
  await expect(framePlay(page)).toHaveAccessibleName('Play')
  await page.getByRole('button', { name: 'Seek to 10 s' }).click()
  await expect(page.frameLocator('#frame-embed').getByTestId('sim-time')).toContainText(
    't = 10.000 s',
  )
  await page.getByRole('button', { name: 'Kill the etcd leader' }).click()
  await expect(page.frameLocator('#frame-embed').getByTestId('raft-health')).toContainText(
    /down|Electing|leads term [2-9]/,
    { timeout: 20_000 },
  )
})

test('commands from an origin the embed does not trust are ignored', async ({ page }) => {
  await page.goto(examplePage(`${APP_ORIGIN}/`, '&trust=https://course.example.edu'))
  await expect(events(page, 'frame', 'ready')).toHaveCount(1, { timeout: 30_000 })
  await expect(framePlay(page)).toHaveAccessibleName('Play')
  await page.getByRole('button', { name: 'Play' }).nth(1).click()
  await page.getByRole('button', { name: 'Seek to 10 s' }).click()
  await page.waitForTimeout(1_000)
  await expect(framePlay(page)).toHaveAccessibleName('Play')
  await expect(page.frameLocator('#frame-embed').getByTestId('sim-time')).not.toContainText(
    't = 10.000 s',
  )
  // Only the public events reached the page: no playback event was sent to it.
  await expect(events(page, 'frame', 'playback')).toHaveCount(0)
})

test('the <kube-viz> element: reserves its height (no layout shift), sizes itself, obeys its methods', async ({
  page,
}) => {
  await page.goto(examplePage(`${APP_ORIGIN}/`))
  const element = page.locator('#element-embed iframe')
  await expect(element).toBeAttached()
  const reserved = (await page.locator('#element-embed').boundingBox())?.height ?? 0
  await expect(events(page, 'element', 'resized').first()).toBeAttached({ timeout: 30_000 })
  const resized = (await page.locator('#element-embed').boundingBox())?.height ?? 0
  expect(Math.abs(resized - reserved)).toBeLessThanOrEqual(1)
  const src = (await element.getAttribute('src')) ?? ''
  expect(new URL(src).searchParams.get('origin')).toBe(SECOND_ORIGIN)
  const elementPlay = page.frameLocator('#element-embed iframe').getByTestId('play-pause')
  await page.getByRole('button', { name: 'Play' }).first().click()
  await expect(elementPlay).toHaveAccessibleName('Pause')
  await page.getByRole('button', { name: 'Pause' }).first().click()
  await expect(elementPlay).toHaveAccessibleName('Play')
})

test('the built site works from a sub-path, with its own embed.js; screenshots at 360 and 800 px', async ({
  page,
}) => {
  for (const width of [800, 360]) {
    await page.setViewportSize({ width, height: 900 })
    await page.goto(examplePage(BUILT_SITE))
    await expect(events(page, 'frame', 'ready')).toHaveCount(1, { timeout: 30_000 })
    await expect(events(page, 'element', 'ready')).toHaveCount(1, { timeout: 30_000 })
    await expect(
      page.frameLocator('#element-embed iframe').getByTestId('component-kube-apiserver'),
    ).toBeVisible()
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      width,
    )
    await page.screenshot({ path: `e2e/screenshots/embed-example-${width}.png`, fullPage: true })
  }
})

test('an embed pauses while it is off-screen and resumes when it is back', async ({ page }) => {
  await page.setViewportSize({ width: 800, height: 700 })
  await page.goto(examplePage(`${APP_ORIGIN}/`))
  await expect(events(page, 'frame', 'ready')).toHaveCount(1, { timeout: 30_000 })
  await page.locator('#frame-embed').scrollIntoViewIfNeeded()
  await page.getByRole('button', { name: 'Play' }).nth(1).click()
  await expect(framePlay(page)).toHaveAccessibleName('Pause')
  await page.evaluate(() => window.scrollTo(0, 0))
  await expect(events(page, 'frame', 'playback').last()).toContainText('"playing":false')
  await page.locator('#frame-embed').scrollIntoViewIfNeeded()
  await expect(events(page, 'frame', 'playback').last()).toContainText('"playing":true')
})

/** The example page with its iframe opening a lesson, trusted by `trust` (default: the page). */
const lessonPage = (trust?: string) =>
  examplePage(`${APP_ORIGIN}/`, `&lesson=split-brain${trust ? `&trust=${trust}` : ''}`)

test('embed obeys goto-step from the trusted origin; its lesson pane and address keep up', async ({
  page,
}) => {
  await page.goto(lessonPage())
  const reserved = (await page.locator('#frame-embed').boundingBox())?.height ?? 0
  const embed = page.frameLocator('#frame-embed')
  const stepCount = embed.getByTestId('step-count')
  await expect(events(page, 'frame', 'ready')).toContainText('"lesson":"split-brain"', {
    timeout: 30_000,
  })
  // The cluster and, under it, the lesson's compact pane at step 1, in the height reserved.
  await expect(embed.getByTestId('raft-health')).toBeVisible()
  await expect(embed.getByTestId('lesson-pane')).toBeVisible()
  await expect(stepCount).toHaveText(/^Step 1 of \d+$/)
  await expect(embed.getByTestId('exit-lesson')).toHaveCount(0)
  const reported = JSON.parse(
    (await events(page, 'frame', 'resized').last().textContent()) ?? '{}',
  ) as { height: number }
  expect(Math.abs(reported.height - reserved)).toBeLessThanOrEqual(1)
  const pane = await embed.getByTestId('embed-lesson').boundingBox()
  const box = await page.locator('#frame-embed').boundingBox()
  expect((pane?.y ?? 0) + (pane?.height ?? 0)).toBeLessThanOrEqual(
    (box?.y ?? 0) + (box?.height ?? 0) + 1,
  )

  const historyLength = await page.evaluate(() => history.length)
  // The host page says "go to step 2": the embed goes, says so, and its address keeps embed=1.
  await page.getByRole('button', { name: 'Go to step 2' }).click()
  await expect(stepCount).toHaveText(/^Step 2 of \d+$/)
  await expect(events(page, 'frame', 'stepChanged').last()).toContainText('"step":2')
  const search = async () =>
    new URLSearchParams(await embed.locator('html').evaluate(() => location.search))
  await expect.poll(async () => (await search()).get('step')).toBe('2')
  const address = await search()
  expect([address.get('embed'), address.get('view'), address.get('origin')]).toEqual([
    '1',
    'raft',
    SECOND_ORIGIN,
  ])

  // The student moves on by themselves: still an embed, at step 3.
  await embed.getByRole('button', { name: /^Step 3:/ }).click()
  await expect(stepCount).toHaveText(/^Step 3 of \d+$/)
  await page.screenshot({ path: 'e2e/screenshots/embed-lesson-1280.png', fullPage: true })
  await expect.poll(async () => (await search()).get('step')).toBe('3')
  expect((await search()).get('embed')).toBe('1')
  // Replaced, never pushed: the host page's Back button is not the embed's.
  expect(await page.evaluate(() => history.length)).toBe(historyLength)
})

test('an untrusted origin cannot move the embed to another lesson step', async ({ page }) => {
  await page.goto(lessonPage('https://course.example.edu'))
  const embed = page.frameLocator('#frame-embed')
  await expect(events(page, 'frame', 'ready')).toHaveCount(1, { timeout: 30_000 })
  await expect(embed.getByTestId('step-count')).toHaveText(/^Step 1 of \d+$/)
  await page.getByRole('button', { name: 'Go to step 2' }).click()
  await page.waitForTimeout(1_000)
  await expect(embed.getByTestId('step-count')).toHaveText(/^Step 1 of \d+$/)
  await expect(events(page, 'frame', 'stepChanged')).toHaveCount(0)
})
