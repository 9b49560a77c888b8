import { expect, test } from './fixtures'

test('an invalid manifest shows the API server error next to the editor and creates nothing', async ({
  app,
  page,
}) => {
  await app.open()
  // Not about the request's hops: full speed, not 1x slowed down for each message.
  await app.fastForward()
  await app.setManifest(
    'apiVersion: v1\nkind: Pod\nmetadata:\n  name: broken\nspec:\n  containers:\n  - name: web\n',
  )
  await app.apply()
  const error = page.getByTestId('manifest-error')
  await expect(error).toHaveText(
    'The Pod "broken" is invalid: spec.containers[0].image: Required value',
  )
  await expect(error).toHaveAttribute('role', 'alert')
  await expect(await app.podRow('broken')).toHaveCount(0)
  await app.screenshot('manifest-error-1280')
})

test('malformed YAML is reported as kubectl reports it', async ({ app, page }) => {
  await app.open()
  await app.setManifest('apiVersion: v1\nkind: Pod\nmetadata: {name: x\n')
  await app.apply()
  await expect(page.getByTestId('manifest-error')).toContainText(
    'error: error parsing STDIN: error converting YAML to JSON',
  )
})

test('a bad URL parameter is ignored with a clear notice', async ({ app, page }) => {
  await app.open('?seed=banana&nodes=2')
  await expect(page.getByRole('alert').first()).toContainText('Ignored seed=banana')
  await expect(page.getByTestId('host-node-2')).toBeVisible()
  await expect(page.getByTestId('host-node-3')).toHaveCount(0)
})

test('a crashed worker is restarted and the action log replayed: nothing is lost', async ({
  app,
  page,
}) => {
  await app.open()
  await app.fastForward()
  await app.applyUntilRunning(
    'apiVersion: v1\nkind: Pod\nmetadata:\n  name: keep\nspec:\n  containers:\n  - name: web\n    image: nginx:1.27\n',
    'keep',
  )
  await page.evaluate(() => {
    window.__kcv?.crashWorker()
  })
  await expect(page.getByTestId('worker-error')).toContainText(
    'restarting it and replaying your 1 action(s)',
  )
  await expect(page.getByTestId('connection')).toHaveText('simulation running')
  await expect(await app.podRow('keep')).toContainText('Running')
})

test('the main view has no axe accessibility violations', async ({ app }) => {
  await app.open()
  await app.expectNoA11yViolations()
})
