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
