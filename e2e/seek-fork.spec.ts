import { expect, test } from './fixtures'
import { POD_TEMPLATE } from '../src/ui/viz/manifest-templates'

test('after seeking back before an apply, no panel still shows it', async ({ app, page }) => {
  await app.open()
  await app.fastForward()
  await app.applyUntilRunning(POD_TEMPLATE, 'web')
  await expect(page.getByTestId('narration')).toContainText('Done: Pod web is Running')
  await page.getByTestId('play-pause').click()
  const applyAt = await app.state((s) => s.actions[0]?.atMs ?? 0)
  await app.seek(applyAt - 500)
  await expect(page.getByTestId('flow-caption')).toHaveText(
    'Apply a Pod, ReplicaSet or Deployment to follow its request through the control plane.',
  )
  for (const step of [1, 2, 3, 4, 5, 6])
    await expect(app.stepItem(step)).toHaveAttribute('data-state', 'pending')
  await expect(page.getByTestId('narration')).not.toContainText('Done')
  await expect(page.getByTestId('pod-chip-web')).toHaveCount(0)
  await expect(await app.podRow('web')).toHaveCount(0)
  await app.openTab('manifest')
  await expect(page.getByTestId('apply-output')).toHaveCount(0)
  await expect(page.getByTestId('apply')).toBeEnabled()
  // Mid-flow, the list shows the steps reached by then, not the end.
  await app.seek(applyAt + 90)
  await expect(app.stepItem(1)).toHaveAttribute('data-state', 'done')
  await expect(app.stepItem(6)).toHaveAttribute('data-state', 'pending')
  await expect(page.getByTestId('flow-caption')).toHaveText('Following Pod web, which you applied.')
  // Playing on replays the same history: the apply's output comes back.
  await page.getByTestId('play-pause').click()
  await expect(page.getByTestId('apply-output')).toHaveText('pod/web created')
  await expect(page.getByTestId('narration')).toContainText('Done: Pod web is Running', {
    timeout: 30_000,
  })
})

test('a change after seeking back forks the history and says what it dropped', async ({
  app,
  page,
}) => {
  await app.open()
  await app.fastForward()
  await app.applyUntilRunning(POD_TEMPLATE, 'web')
  await page.getByTestId('play-pause').click()
  const applyAt = await app.state((s) => s.actions[0]?.atMs ?? 0)
  await app.seek(applyAt - 1_000)
  // The seek is posted to the worker; wait for the page to show its time (paused: exactly it).
  await expect.poll(() => app.state((s) => s.simTimeMs)).toBe(applyAt - 1_000)
  const forkAt = await app.state((s) => s.simTimeMs)
  await app.runKubectl('cordon node-1', '$ kubectl cordon node-1…')
  const notice = page.getByTestId('fork-notice')
  await expect(notice).toHaveText(
    new RegExp(
      `^History forked at ${(forkAt / 1000).toFixed(3)} s: 1 later action discarded — kubectl apply -f - \\(Pod web\\) at ${(applyAt / 1000).toFixed(3)} s\\.`,
    ),
  )
  await app.screenshot('fork-notice-1280x800')
  await notice.getByRole('button', { name: 'Dismiss' }).click()
  await expect(notice).toHaveCount(0)
  await page.getByTestId('play-pause').click()
  await expect(page.getByTestId('kubectl-transcript')).toContainText('node/node-1 cordoned')
  await page.waitForTimeout(1_000)
  await expect(await app.podRow('web')).toHaveCount(0)
  expect(await app.state((s) => s.actions.map((a) => a.action.type))).toEqual(['runKubectl'])
})
