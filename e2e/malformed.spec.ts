import { expect, test } from './fixtures'
import { podManifest } from './manifests'

// Issue 9: one malformed manifest must never break the simulation.
const ISSUE_MANIFEST = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: 5}\n'

test('the manifest from the issue is refused in kubectl words, and the simulation goes on', async ({
  app,
  page,
}) => {
  await app.open()
  await app.fastForward()
  await app.setManifest(ISSUE_MANIFEST)
  await app.apply()
  const error = page.getByTestId('manifest-error')
  await expect(error).toHaveText(
    'Error from server (BadRequest): error when creating "STDIN": Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal number into Go struct field PodSpec.spec.containers of type []v1.Container',
  )
  await expect(error).toHaveAttribute('role', 'alert')
  await error.scrollIntoViewIfNeeded()
  await page.screenshot({ path: 'e2e/screenshots/malformed-editor-error-1280x800.png' })
  await page.setViewportSize({ width: 390, height: 844 })
  await error.scrollIntoViewIfNeeded()
  await page.screenshot({ path: 'e2e/screenshots/malformed-editor-error-390x844.png' })
  await page.setViewportSize({ width: 1280, height: 800 })
  // Nothing crashed: one worker, still running, no notice; the apply button is free again.
  await expect.poll(() => page.workers().length).toBe(1)
  await expect(page.getByTestId('connection')).toHaveText('simulation running')
  await expect(page.getByTestId('worker-error')).toHaveCount(0)
  await expect(page.getByTestId('apply')).toBeEnabled()
  await app.applyUntilRunning(podManifest('after'), 'after')
  await expect.poll(() => page.workers().length).toBe(1)
})

test('an action that crashes the worker on every replay is dropped with a notice; the rest is kept', async ({
  app,
  page,
}) => {
  await app.open()
  await app.fastForward()
  await app.applyUntilRunning(podManifest('keep'), 'keep')
  await app.setManifest(podManifest('poison'))
  await app.apply()
  await expect(await app.podRow('poison')).toBeVisible()
  // A bug in the worker that the poison Pod's apply triggers whenever it is applied again.
  await page.evaluate(() => {
    window.__kcv?.injectWorkerCrash('poison')
    window.__kcv?.crashWorker()
  })
  const notice = page.getByTestId('dropped-action')
  await expect(notice).toContainText('Dropped “kubectl apply -f - (Pod poison)”')
  await expect(notice).toContainText('replaying it crashed the simulation again')
  await expect(notice).toContainText('injected crash while applying')
  await expect(page.getByTestId('connection')).toHaveText('simulation running')
  await expect(await app.podRow('keep')).toContainText('Running')
  await expect(await app.podRow('poison')).toHaveCount(0)
  // The dropped apply is answered (not left "waiting for the API server…"), beside the editor too.
  await expect(page.getByTestId('apply')).toBeEnabled()
  await app.openTab('manifest')
  await expect(page.getByTestId('manifest-error')).toContainText(
    'error: this command was not run: replaying it crashed the simulation again',
  )
  await expect(page.getByTestId('worker-error')).toHaveCount(0)
  await app.expectNoA11yViolations()
  await notice.scrollIntoViewIfNeeded()
  await page.screenshot({ path: 'e2e/screenshots/malformed-dropped-action-1280x800.png' })
  await page.setViewportSize({ width: 390, height: 844 })
  await notice.scrollIntoViewIfNeeded()
  await page.screenshot({ path: 'e2e/screenshots/malformed-dropped-action-390x844.png' })
  await page.setViewportSize({ width: 1280, height: 800 })
  await expect.poll(() => page.workers().length).toBe(1)
  // The simulation keeps working after the recovery.
  await app.applyUntilRunning(podManifest('later'), 'later')
})
