import { expect, test } from './fixtures'

const POD = `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: web
    image: nginx:1.27
`

test('the failure panel injects a fault that heals itself after the chosen time', async ({
  app,
  page,
}) => {
  await app.open()
  await app.fastForward()
  // Paused while it is injected, so the stopped scheduler is seen before 10 s pass (0.6 s at 16x).
  await page.getByTestId('play-pause').click()
  await expect(page.getByTestId('play-pause')).toHaveAccessibleName('Play')
  await page.getByTestId('open-faults').click()
  await expect(page.getByTestId('tab-faults')).toHaveAttribute('aria-selected', 'true')
  await page.getByTestId('heal-after').selectOption({ label: 'after 10 s' })
  await page.getByTestId('fault-target').selectOption('kube-scheduler')
  await page.getByTestId('fault-kind').selectOption('stop')
  await page.getByTestId('inject-fault').click()
  await expect(page.getByTestId('failure-status')).toContainText(
    'Stop (crash): kube-scheduler at t =',
  )
  // Two recorded actions: the fault now, its heal scheduled 10 s later.
  await expect
    .poll(() => app.state((s) => s.actions.map((a) => a.action.type)))
    .toEqual(['stopComponent', 'startComponent'])
  const log = await app.state((s) => s.actions.map((a) => [a.atMs, a.action.type, a.scheduledAtMs]))
  const [fault, heal] = log as [[number, string, undefined], [number, string, number]]
  const [faultAt] = fault
  const [healAt, , scheduledAt] = heal
  expect(healAt - faultAt).toBe(10_000)
  expect(scheduledAt).toBe(faultAt)
  await expect
    .poll(() => app.state((s) => s.components.find((c) => c.id === 'kube-scheduler')?.running))
    .toBe(false)
  await page.getByTestId('play-pause').click()
  await expect
    .poll(() => app.state((s) => s.components.find((c) => c.id === 'kube-scheduler')?.running), {
      timeout: 20_000,
    })
    .toBe(true)
  expect(await app.state((s) => s.simTimeMs)).toBeGreaterThanOrEqual(healAt)
  // Both are on the timeline, labelled; clicking the fault's marker goes back to it.
  const markers = page.getByTestId('timeline-marker')
  await expect(markers).toHaveCount(2)
  await expect(markers.nth(0)).toHaveAttribute('aria-label', /^Go to stop kube-scheduler at/)
  await expect(markers.nth(0)).toHaveClass(/fault/)
  await expect(markers.nth(1)).toHaveAttribute(
    'aria-label',
    /^Go to start kube-scheduler \(heals by itself\) at/,
  )
  await expect(markers.nth(1)).toHaveClass(/heal/)
  await markers.nth(0).click()
  await expect.poll(() => app.state((s) => Math.floor(s.simTimeMs))).toBe(faultAt)
  await expect(page.getByTestId('play-pause')).toHaveAccessibleName('Play')
  await app.screenshot('instructor-timeline-markers-1280')
})

test('the split brain preset cuts the API server’s side off: read-only, writes time out, heal all', async ({
  app,
  page,
}) => {
  await app.open()
  await app.fastForward()
  await page.getByTestId('open-faults').click()
  await page.getByTestId('preset-split-brain').click()
  await expect(page.getByTestId('failure-status')).toContainText('Split brain at t =')
  await app.openTab('etcd')
  await expect(page.getByTestId('raft-health')).toContainText('Read-only', { timeout: 20_000 })
  await app.setManifest(POD)
  await app.apply()
  await expect(page.getByTestId('manifest-error')).toContainText('etcdserver: request timed out', {
    timeout: 30_000,
  })
  await app.openTab('etcd')
  await app.screenshot('instructor-split-brain-1280')
  // Shift+H from anywhere outside a text field heals every fault: one recorded action.
  await page.getByTestId('tab-etcd').focus()
  await page.keyboard.press('Shift+H')
  await expect
    .poll(() => app.state((s) => s.actions.map((a) => a.action.type)))
    .toContain('healAll')
  await expect(page.getByTestId('raft-health')).toContainText('Writable', { timeout: 20_000 })
})

test('keyboard shortcuts: ? lists them, f opens faults, k pauses, l seeks, t and g switch display', async ({
  app,
  page,
}) => {
  await app.open()
  await page.locator('body').click({ position: { x: 5, y: 5 } })
  await page.keyboard.press('?')
  const help = page.getByTestId('shortcut-help')
  await expect(help).toBeVisible()
  await expect(help).toContainText('Open the failure panel')
  await expect(help).toContainText('Heal every fault (Shift+H)')
  await page.keyboard.press('Escape')
  await expect(help).toBeHidden()
  await page.keyboard.press('k')
  await expect(page.getByTestId('play-pause')).toHaveAccessibleName('Play')
  const before = await app.state((s) => s.simTimeMs)
  await page.keyboard.press('j')
  await expect.poll(() => app.state((s) => s.simTimeMs)).toBeLessThan(before)
  await page.keyboard.press('f')
  await expect(page.getByTestId('tab-faults')).toBeFocused()
  await page.keyboard.press('t')
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark')
  await page.keyboard.press('g')
  await expect(page.locator('html')).toHaveAttribute('data-large-type', 'true')
  // Large type at 1280x800: the whole cluster still fits its box (the text grows as far as it can).
  await expect
    .poll(() => page.locator('.map-area').evaluate((area) => area.scrollHeight - area.clientHeight))
    .toBeLessThanOrEqual(1)
  await page.keyboard.press('+')
  await expect(page.getByTestId('speed')).toHaveValue('2')
  await app.screenshot('instructor-dark-large-faults-1280')
})

test('the failure panel and the dark theme at 1024x768 keep the map in view', async ({
  app,
  page,
}) => {
  await page.setViewportSize({ width: 1024, height: 768 })
  await app.open()
  await page.getByTestId('display-menu').click()
  await page.getByTestId('dark-theme').check()
  // A click on an option closes the menu: it no longer hides what is under it.
  await expect(page.getByTestId('dark-theme')).toBeHidden()
  await expect(page.getByTestId('display-menu')).toBeFocused()
  await page.getByTestId('open-faults').click()
  await expect(page.getByTestId('failure-panel')).toBeVisible()
  const map = await page.getByTestId('cluster-map').boundingBox()
  expect((map?.y ?? 0) + (map?.height ?? 0)).toBeLessThanOrEqual(768)
  await app.screenshot('instructor-faults-dark-1024')
})
