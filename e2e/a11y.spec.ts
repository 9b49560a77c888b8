import AxeBuilder from '@axe-core/playwright'
import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'

const axe = async (page: Page) => {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .exclude('.cm-editor')
    .analyze()
  return results.violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
  )
}

for (const theme of ['light', 'dark'] as const)
  test(`axe finds no WCAG 2.2 AA violation in the ${theme} theme, with the failure panel and the Raft view`, async ({
    app,
    page,
  }) => {
    await page.emulateMedia({ colorScheme: theme })
    await app.open()
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme)
    await app.openTab('faults')
    expect(await axe(page)).toEqual([])
    await app.openTab('etcd')
    expect(await axe(page)).toEqual([])
    if (theme === 'dark') {
      await page.getByTestId('open-help').click()
      expect(await axe(page)).toEqual([])
    }
  })

test('axe finds no violation in embed mode (map with minimal controls, Raft with full, dark)', async ({
  page,
}) => {
  await page.goto('/?embed=1&view=map&controls=minimal')
  await expect(page.getByTestId('component-kube-apiserver')).toBeVisible()
  expect(await axe(page)).toEqual([])
  await page.goto('/?embed=1&view=raft&controls=full&theme=dark')
  await expect(page.getByTestId('raft-health')).toBeVisible()
  expect(await axe(page)).toEqual([])
})

test('axe finds no violation in an embed with a lesson, in both themes (its question open)', async ({
  page,
}) => {
  for (const theme of ['light', 'dark']) {
    await page.goto(`/?embed=1&view=map&controls=minimal&theme=${theme}&lesson=split-brain&step=2`)
    await expect(page.getByTestId('prediction-choice-0')).toBeVisible()
    expect(await axe(page)).toEqual([])
  }
})

test('keyboard only: skip to the map, reach apply, run the six steps; focus is always visible', async ({
  app,
  page,
}) => {
  await app.open()
  await page.keyboard.press('Tab')
  const skip = page.getByRole('link', { name: 'Skip to the cluster map' })
  await expect(skip).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(page.locator('#cluster-map')).toBeFocused()
  // Tab on to the apply button, checking that every stop shows a focus ring.
  const apply = page.getByTestId('apply')
  for (let i = 0; i < 80 && !(await apply.evaluate((el) => el === document.activeElement)); i++) {
    await page.keyboard.press('Tab')
    const outline = await page.evaluate(() => {
      const active = document.activeElement as HTMLElement | null
      if (!active || active === document.body) return 'body'
      // The YAML editor draws its focus ring on the editor box (CodeMirror's .cm-focused).
      const el = active.closest<HTMLElement>('.cm-editor') ?? active
      const style = getComputedStyle(el)
      return style.outlineStyle === 'none' || style.outlineWidth === '0px'
        ? el.outerHTML.slice(0, 80)
        : 'ok'
    })
    expect(outline, 'every focused control shows a focus ring').toMatch(/^(ok|body)$/)
  }
  await expect(apply).toBeFocused()
  // Faster from the keyboard too ("+", four times: 16x), still slowing down for each hop.
  for (let i = 0; i < 4; i++) await page.keyboard.press('+')
  await expect(page.getByTestId('speed')).toHaveValue('16')
  await expect(apply).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('apply-output')).toHaveText('pod/web created')
  for (const step of [1, 2, 3, 4, 5, 6])
    await expect(app.stepItem(step)).toHaveAttribute('data-state', /done|active/, {
      timeout: 45_000,
    })
  // The steps were also spoken, politely.
  await expect(page.getByTestId('announcer')).toContainText(/Step \d of 6/)
})

test('stopping animations makes messages hop instead of glide', async ({ app, page }) => {
  await app.open()
  await page.getByTestId('display-menu').click()
  await page.getByTestId('pause-animations').check()
  await expect(page.locator('html')).toHaveAttribute('data-animations', 'paused')
  await app.setSpeed('0.1')
  await app.apply()
  const first = page.locator('circle.message').first()
  await expect(first).toBeAttached({ timeout: 10_000 })
  // Follow that one message (`.first()` would move on to another message when it arrives).
  const id = (await first.getAttribute('data-testid')) ?? ''
  expect(id).toMatch(/^message-/)
  const dot = page.getByTestId(id)
  // Sample the dot's position: it only ever sits at the sender, half-way or the receiver.
  const positions = new Set<string>()
  for (let i = 0; i < 12; i++) {
    const cx = await dot.getAttribute('cx').catch(() => null)
    if (cx !== null) positions.add(cx)
    await page.waitForTimeout(100)
  }
  expect(positions.size).toBeLessThanOrEqual(3)
})
