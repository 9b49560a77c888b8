import { expect, test } from './fixtures'
import { POD } from './manifests'

test('the presenter window follows play, pause, seek, apply and the panel from the instructor', async ({
  app,
  page,
  context,
}) => {
  // Two windows each running the simulation: on a shared 2-core machine this takes over 60 s.
  test.setTimeout(120_000)
  await app.open()
  await app.fastForward()
  const [presenter] = await Promise.all([
    context.waitForEvent('page'),
    page.getByTestId('open-presenter').click(),
  ])
  await presenter.setViewportSize({ width: 1920, height: 1080 })
  const badge = presenter.getByTestId('following-badge')
  await expect(badge).toHaveText('● Following the instructor')
  const clock = presenter.getByTestId('presenter-clock')
  const presenterTime = async () =>
    Number(/t = ([\d.]+) s/.exec((await clock.textContent()) ?? '')?.[1] ?? NaN) * 1000

  // Pause: the presenter says paused and stops at the instructor's exact time.
  await page.getByTestId('play-pause').click()
  await expect(clock).toContainText('paused')
  const pausedAt = await app.state((s) => Math.floor(s.simTimeMs))
  await expect.poll(presenterTime).toBe(pausedAt)

  // Seek back: the presenter goes back too.
  await app.seek(3_500)
  await expect.poll(presenterTime).toBe(3_500)

  // Apply, and show the Pods: the presenter shows the same Pod on the same node.
  await app.setManifest(POD)
  await app.apply()
  await page.getByTestId('play-pause').click()
  await expect(clock).toContainText('playing at 16×')
  const row = await app.podRow('web')
  await expect(row).toContainText('Running', { timeout: 30_000 })
  await expect(presenter.getByTestId('tab-pods')).toHaveAttribute('aria-selected', 'true')
  await expect(presenter.getByTestId('pod-row-web')).toContainText('Running')
  const node = await app.state((s) => Object.values(s.pods).find((p) => p.name === 'web')?.node)
  await expect(presenter.getByTestId('pod-row-web')).toContainText(node ?? '?')

  // Nothing to edit on the projector: no apply, no editor, no failure panel.
  await expect(presenter.getByTestId('apply')).toHaveCount(0)
  await expect(presenter.getByTestId('tab-manifest')).toHaveCount(0)
  await expect(presenter.getByTestId('tab-faults')).toHaveCount(0)
  // The instructor may show their kubectl prompt on the projector.
  await page.getByTestId('display-menu').click()
  await page.getByTestId('presenter-detail').check()
  await expect(presenter.getByTestId('tab-kubectl')).toBeVisible()

  await app.openTab('etcd')
  await expect(presenter.getByTestId('tab-etcd')).toHaveAttribute('aria-selected', 'true')
  await presenter.screenshot({ path: 'e2e/screenshots/presenter-1920x1080.png' })
})

test('the presenter window follows a lesson: the lesson’s own cluster, at the same time', async ({
  page,
  context,
}) => {
  test.setTimeout(120_000)
  // Split brain runs on five etcd members (free play has three).
  await page.goto('/?lesson=split-brain&step=2')
  await expect(page.getByTestId('lesson-pane')).toBeVisible()
  await expect(page.getByTestId('component-etcd-5')).toBeVisible()
  const [presenter] = await Promise.all([
    context.waitForEvent('page'),
    page.getByTestId('open-presenter').click(),
  ])
  await expect(presenter.getByTestId('following-badge')).toHaveText('● Following the instructor')
  await expect(presenter.getByTestId('component-etcd-5')).toBeVisible()
  // The same leader, elected in the same term: the same simulation, not just the same size.
  const leader = page.locator('[data-testid^="component-etcd-"]', { hasText: 'leader' })
  const presenterLeader = presenter.locator('[data-testid^="component-etcd-"]', {
    hasText: 'leader',
  })
  await expect(presenterLeader).toHaveAttribute(
    'data-testid',
    (await leader.getAttribute('data-testid')) ?? '?',
  )
  const instructorTime = await page.getByTestId('sim-time').textContent()
  await expect(presenter.getByTestId('presenter-clock')).toContainText(
    /t = [\d.]+ s/.exec(instructorTime ?? '')?.[0] ?? '?',
  )
})
