import AxeBuilder from '@axe-core/playwright'
import { expect, test } from './fixtures'
import { POD } from './manifests'

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
  // Paused again: at 64x a loaded machine lets minutes of cluster time pass between two checks,
  // and past ~290 s the two markers, 10 s apart, are closer than one 24 px target (one button
  // with their count, tested below) instead of two.
  await page.getByTestId('play-pause').click()
  await expect(page.getByTestId('play-pause')).toHaveAccessibleName('Play')
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

test('a container target: crash loop shows CrashLoopBackOff with restarts on the map and in kubectl, its timed heal (2 min) brings it back to Running', async ({
  app,
  page,
}) => {
  test.setTimeout(120_000)
  await app.open()
  await app.fastForward()
  await app.applyUntilRunning(POD, 'web')
  await page.getByTestId('open-faults').click()
  await page.getByTestId('heal-after').selectOption({ label: 'after 2 min' })
  // The container is picked by Pod / container from the live cluster.
  const target = page.getByTestId('fault-target')
  await expect(target.locator('optgroup[label="container (Pod / container)"] option')).toHaveText([
    /^web \/ web \(node-\d\)$/,
  ])
  await target.selectOption('default/web/web')
  await expect(page.getByTestId('fault-kind').locator('option')).toHaveText([
    'Crash loop',
    'Bad image',
  ])
  await page.getByTestId('fault-kind').selectOption('crash-loop')
  await page.getByTestId('inject-fault').click()
  await expect(page.getByTestId('failure-status')).toContainText(
    /Crash loop: web \/ web \(node-\d\) at t =/,
  )
  await expect
    .poll(() =>
      app.state((s) => s.actions.map((a) => [a.action.type, a.scheduledAtMs !== undefined])),
    )
    .toEqual([
      ['runKubectl', false],
      ['breakContainer', false],
      ['fixContainer', true],
    ])
  const chip = page.getByTestId('pod-chip-web')
  await expect(chip).toHaveClass(/failing/, { timeout: 30_000 })
  await expect(chip).toContainText('×')
  const pod = () => app.state((s) => Object.values(s.pods).find((p) => p.name === 'web'))
  // After each crash the status reads Error until the kubelet's next sync (10 s), then
  // CrashLoopBackOff until the back-off ends. From the third restart that window is 30 s or more
  // of cluster time: pause in it, and ask kubectl at 1x.
  await expect
    .poll(async () => {
      const p = await pod()
      return p?.status === 'CrashLoopBackOff' && p.restarts >= 3
    })
    .toBe(true)
  await page.getByTestId('play-pause').click()
  await app.setSpeed('1')
  await page.getByTestId('play-pause').click()
  await app.runKubectl('get pod web', /web\s+0\/1\s+CrashLoopBackOff\s+[3-9] \(/)
  await app.screenshot('instructor-crash-loop-1280')
  // The scheduled heal ends the fault; the next start after the back-off stays up (64x: the
  // heal is up to 2 min of cluster time away).
  await app.setSpeed('64')
  await expect.poll(async () => (await pod())?.status, { timeout: 60_000 }).toBe('Running')
  await expect.poll(async () => (await pod())?.ready).toBe('1/1')
  await expect(chip).not.toHaveClass(/failing/)
  // Fault and heal are labelled markers (the heal may share a group with the kubectl command run
  // at about the same time); clicking the fault's seeks back to it.
  const healLabel = /^Go to heal crash loop: default\/web container web \(heals by itself\) at/
  const cluster = page.getByTestId('timeline-cluster')
  if ((await cluster.count()) > 0) {
    await cluster.first().click()
    await expect(
      page.getByTestId('timeline-marker-item').filter({ hasText: 'heal crash loop' }),
    ).toHaveAttribute('aria-label', healLabel)
    await page.keyboard.press('Escape')
  } else {
    await expect(page.getByTestId('timeline-marker').and(page.locator('.heal'))).toHaveAttribute(
      'aria-label',
      healLabel,
    )
  }
  const fault = page.getByTestId('timeline-marker').and(page.locator('.fault'))
  await expect(fault).toHaveAttribute(
    'aria-label',
    /^Go to crash loop: default\/web container web at/,
  )
  const faultAt = Number(await fault.getAttribute('data-at'))
  await fault.click()
  await expect.poll(() => app.state((s) => Math.floor(s.simTimeMs))).toBe(faultAt)
  await expect(page.getByTestId('play-pause')).toHaveAccessibleName('Play')
})

test('faults close together on the timeline: one 24 px target with their count that lists them', async ({
  app,
  page,
}) => {
  await app.open()
  await app.fastForward('64')
  await expect
    .poll(() => app.state((s) => s.simTimeMs), { timeout: 20_000 })
    .toBeGreaterThan(60_000)
  await page.getByTestId('play-pause').click()
  await page.getByTestId('open-faults').click()
  // Three faults at one instant and a fourth a moment later: far less than 24 px apart.
  for (const target of ['kube-scheduler', 'kube-controller-manager', 'etcd-3']) {
    await page.getByTestId('fault-target').selectOption(target)
    await page.getByTestId('fault-kind').selectOption('stop')
    await page.getByTestId('inject-fault').click()
  }
  // 0.6 s later: about 10 px on the whole run's track, 75 px on the 8 s of "Recent".
  const t0 = await app.state((s) => s.simTimeMs)
  await app.setSpeed('1')
  await page.getByTestId('play-pause').click()
  await expect.poll(() => app.state((s) => s.simTimeMs)).toBeGreaterThan(t0 + 600)
  await page.getByTestId('play-pause').click()
  await page.getByTestId('fault-target').selectOption('etcd-2')
  await page.getByTestId('fault-kind').selectOption('slow-disk')
  await page.getByTestId('inject-fault').click()
  await expect.poll(() => app.state((s) => s.actions.length)).toBe(4)
  const cluster = page.getByTestId('timeline-cluster')
  await expect(cluster).toHaveCount(1)
  await expect(cluster).toHaveText('4')
  await expect(page.getByTestId('timeline-marker')).toHaveCount(0)
  const box = await cluster.boundingBox()
  expect(box && box.width >= 24 && box.height >= 24).toBe(true)
  const targets = await new AxeBuilder({ page })
    .withRules(['target-size'])
    .include('.timeline')
    .analyze()
  expect(targets.violations.flatMap((v) => v.nodes.map((n) => n.target.join(' ')))).toEqual([])
  await cluster.click()
  const items = page.getByTestId('timeline-marker-item')
  await expect(items).toHaveCount(4)
  await expect(items.nth(0)).toContainText('stop kube-scheduler')
  await expect(items.nth(3)).toContainText("set etcd-2's disk fsync latency to 200 ms")
  await expect(items.nth(0)).toBeFocused()
  await app.screenshot('instructor-marker-cluster-1280')
  const firstAt = Number(await items.nth(0).getAttribute('data-at'))
  await page.keyboard.press('Escape')
  await expect(items).toHaveCount(0)
  await cluster.click()
  await items.nth(0).click()
  await expect(items).toHaveCount(0)
  await expect.poll(() => app.state((s) => Math.floor(s.simTimeMs))).toBe(firstAt)
  // Zoomed to the recent activity the fourth is a marker of its own; the three stay a group.
  await page.getByTestId('timeline-zoom').click()
  await expect(page.getByTestId('timeline-marker')).toHaveCount(1)
  await expect(cluster).toHaveText('3')
  const boxes = await Promise.all(
    (await page.locator('.timeline-markers > button').all()).map((b) => b.boundingBox()),
  )
  const xs = boxes.map((b) => b?.x ?? 0).sort((a, b) => a - b)
  xs.slice(1).forEach((x, i) => expect(x - (xs[i] ?? 0)).toBeGreaterThanOrEqual(23.5))
  await app.screenshot('instructor-marker-zoomed-1280')
})
