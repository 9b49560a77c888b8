import { expect, test } from './fixtures'
import { POD_TEMPLATE } from '../src/ui/viz/manifest-templates'

test('the prompt recalls earlier commands with the arrow keys', async ({ app, page }) => {
  await app.open()
  // Not about the request's hops: full speed, not 1x slowed down for each message.
  await app.fastForward()
  await app.runKubectl('get nodes', 'node-1')
  await app.runKubectl('get pods', 'No resources found in default namespace.')
  const input = page.getByTestId('kubectl-input')
  await input.fill('desc')
  await input.press('ArrowUp')
  await expect(input).toHaveValue('get pods')
  await input.press('ArrowUp')
  await expect(input).toHaveValue('get nodes')
  await input.press('ArrowDown')
  await input.press('ArrowDown')
  await expect(input).toHaveValue('desc')
})

test('a Why Pending fix runs at the kubectl prompt in one click, and the Pod then runs', async ({
  app,
  page,
}) => {
  await app.open('?seed=1&nodes=1')
  await app.fastForward()
  await app.runKubectl('cordon node-1', 'node/node-1 cordoned')
  await app.setManifest(POD_TEMPLATE)
  await app.apply()
  await expect(await app.podRow('web')).toContainText('Pending', { timeout: 20_000 })
  await app.openTab('scheduler')
  await page.getByTestId('tab-why').click()
  await page.getByRole('button', { name: 'kubectl uncordon node-1' }).click()
  await expect(page.getByTestId('tab-kubectl')).toHaveAttribute('aria-selected', 'true')
  await expect(page.getByTestId('kubectl-transcript')).toContainText(
    '$ kubectl uncordon node-1node/node-1 uncordoned',
  )
  await expect(await app.podRow('web')).toContainText('Running', { timeout: 30_000 })
})

test('a manifest with several errors reads as kubectl v1.32 prints a 422: one cause per line', async ({
  app,
  page,
}) => {
  await app.open()
  // Not about the request's hops: full speed, not 1x slowed down for each message.
  await app.fastForward()
  await app.setManifest(
    'apiVersion: v1\nkind: Pod\nmetadata:\n  name: Web\nspec:\n  containers:\n  - name: web\n',
  )
  await app.apply()
  await expect(page.getByTestId('manifest-error')).toHaveText(
    `The Pod "Web" is invalid: \n* metadata.name: Invalid value: "Web": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')\n* spec.containers[0].image: Required value`,
  )
  await app.screenshot('manifest-422-1280x800')
})
