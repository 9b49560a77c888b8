import { expect, test, type VisualizerPage } from './fixtures'
import { podManifest } from './manifests'

async function leader(app: VisualizerPage): Promise<{ id: string; term: number } | undefined> {
  return app.state((s) => {
    const l = s.etcd?.members.find((m) => m.running && m.role === 'leader')
    return l ? { id: l.id, term: l.term } : undefined
  })
}

/** The etcd panel's cluster-wide buttons (the dock's etcd tab is opened first). */
async function clusterActions(app: VisualizerPage) {
  await app.openTab('etcd')
  return app.page.getByRole('group', { name: 'etcd cluster actions' })
}

test('stopping the etcd leader shows an election and a new leader at a higher term', async ({
  app,
  page,
}) => {
  await app.open()
  await expect.poll(() => leader(app)).toBeDefined()
  await app.openTab('etcd')
  const old = await leader(app)
  if (!old) throw new Error('no leader')
  await expect(page.getByTestId(`raft-member-${old.id}`)).toHaveAttribute('data-role', 'leader')
  await page.getByTestId(`raft-card-${old.id}`).getByRole('button', { name: 'Stop' }).click()
  await expect(page.getByTestId(`raft-card-${old.id}`)).toContainText('stopped')
  await expect
    .poll(async () => {
      const next = await leader(app)
      return next !== undefined && next.id !== old.id && next.term > old.term
    })
    .toBe(true)
  const next = await leader(app)
  await expect(page.getByTestId(`raft-member-${next?.id ?? ''}`)).toHaveAttribute(
    'data-role',
    'leader',
  )
  await expect(page.getByTestId('raft-health')).toContainText(`${next?.id ?? ''} leads term`)
  await page.getByTestId('raft-view').screenshot({ path: 'e2e/screenshots/raft-new-leader.png' })
})

test('split brain makes the API server side read-only; a Pod keeps running; healing restores writes', async ({
  app,
  page,
}) => {
  await app.open()
  await app.fastForward()
  await app.applyUntilRunning(podManifest('web'), 'web')
  await (await clusterActions(app)).getByRole('button', { name: 'Split brain' }).click()
  await expect(page.getByTestId('raft-health')).toContainText('Read-only')
  await app.setManifest(podManifest('blocked'))
  await app.apply()
  await expect(page.getByTestId('manifest-error')).toContainText('etcdserver: request timed out', {
    timeout: 30_000,
  })
  await expect(await app.podRow('web')).toContainText('Running')
  await expect(await app.podRow('blocked')).toHaveCount(0)
  await app.screenshot('raft-split-brain-1280')
  await (await clusterActions(app)).getByRole('button', { name: 'Heal network' }).click()
  await expect(page.getByTestId('raft-health')).toContainText('Writable', { timeout: 30_000 })
  await app.apply()
  await expect(await app.podRow('blocked')).toContainText('Running', { timeout: 30_000 })
})

test('a 4th member makes the quorum 3, still tolerating 1 failure', async ({ app, page }) => {
  await app.open()
  await app.openTab('etcd')
  await expect(page.getByTestId('raft-quorum')).toHaveText(
    '3 members · quorum 2 (3/2+1) · tolerates 1 failure',
  )
  await (await clusterActions(app)).getByRole('button', { name: 'Add member' }).click()
  await expect(page.getByTestId('raft-quorum')).toHaveText(
    '4 members · quorum 3 (4/2+1) · tolerates 1 failure',
  )
  await expect(page.getByTestId('raft-member-etcd-4')).toBeVisible()
  await expect(page.getByTestId('raft-log-etcd-4')).toBeVisible()
  await page.getByTestId('raft-view').screenshot({ path: 'e2e/screenshots/raft-four-members.png' })
  await app.expectNoA11yViolations()
})

test('an election message can be inspected and dropped in flight', async ({ app, page }) => {
  await app.open()
  await expect.poll(() => leader(app)).toBeDefined()
  const old = await leader(app)
  const follower = await app.state(
    (s) => s.etcd?.members.find((m) => m.role !== 'leader')?.id ?? '',
  )
  // Paused, the campaign's first messages stay in flight until play resumes.
  await app.openTab('etcd')
  await page.getByTestId('play-pause').click()
  await page
    .getByTestId(`raft-card-${follower}`)
    .getByRole('button', { name: 'Time out now' })
    .click()
  const vote = page.locator('.raft-message-button', { hasText: 'MsgVote' }).first()
  await expect(vote).toContainText('(in flight)')
  await vote.click()
  const detail = page.getByTestId('raft-message-detail')
  await expect(detail).toContainText('term')
  await detail.getByRole('button', { name: 'Drop this message' }).click()
  await page.getByTestId('play-pause').click()
  await expect(detail).toContainText('Lost: dropped by you')
  await page.getByTestId('raft-view').screenshot({ path: 'e2e/screenshots/raft-dropped.png' })
  expect(old).toBeDefined()
})

test('the Raft view fits a phone: nothing wider than the screen', async ({ app, page }) => {
  await page.setViewportSize({ width: 390, height: 844 })
  await app.open()
  await app.openTab('etcd')
  await expect(page.getByTestId('raft-member-etcd-1')).toBeVisible()
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth)
  expect(overflow).toBeLessThanOrEqual(390)
  await page.getByTestId('raft-view').screenshot({ path: 'e2e/screenshots/raft-390.png' })
})
