import { readFileSync } from 'node:fs'
import { expect, test, VisualizerPage } from './fixtures'
import { POD } from './manifests'

/** What must match exactly between a run and its shared link. */
const fingerprint = (app: VisualizerPage) =>
  app.state((s) => ({
    time: Math.floor(s.simTimeMs),
    traceLength: s.traceLength,
    pods: Object.values(s.pods)
      .map((p) => `${p.name} ${p.status} ${p.node}`)
      .sort(),
    etcd: s.etcd?.members.map((m) => `${m.id} ${m.role} term ${m.term}`),
    actions: s.actions.length,
    panel: s.dockTab,
  }))

test('"Copy link" opened in a fresh page reproduces the same Pods, etcd terms and trace length', async ({
  app,
  page,
  browser,
}) => {
  await app.open('?seed=5')
  await app.fastForward()
  await app.applyUntilRunning(POD, 'web')
  await page.getByTestId('open-faults').click()
  await page.getByTestId('heal-after').selectOption({ label: 'after 10 s' })
  await page.getByTestId('preset-kill-etcd-leader').click()
  await app.openTab('etcd')
  await expect(page.getByTestId('raft-health')).toContainText('Writable', { timeout: 20_000 })
  await page.getByTestId('play-pause').click()
  await expect(page.getByTestId('play-pause')).toHaveAccessibleName('Play')
  const original = await fingerprint(app)
  expect(original.actions).toBe(3)

  await page.getByTestId('open-share').click()
  const link = await page.getByTestId('share-link').inputValue()
  expect(link).toContain('actions=1.')
  await page.getByTestId('copy-link').click()
  await expect(page.getByTestId('share-status')).toContainText(/copied|Select/)

  const fresh = await browser.newPage()
  await fresh.goto(link)
  const other = new VisualizerPage(fresh)
  await expect(fresh.getByTestId('connection')).toHaveText('simulation running')
  await expect.poll(() => other.state((s) => Math.floor(s.simTimeMs))).toBe(original.time)
  expect(await fingerprint(other)).toEqual(original)
  await expect(fresh.getByTestId('play-pause')).toHaveAccessibleName('Play')
  await fresh.close()
})

test('a corrupted link shows a notice and opens the default cluster', async ({ app, page }) => {
  await page.goto('/?seed=9&nodes=5&t=5000&actions=1.eJyLjgUAARUAuQ-broken')
  await expect(page.getByTestId('notice')).toContainText(
    "This link's scenario could not be opened (the action log is damaged",
  )
  await expect(page.getByTestId('connection')).toHaveText('simulation running')
  // The default cluster: seed 1, three worker nodes and kubeadm's control-plane machine (a
  // Node too), and no actions.
  expect(
    await app.state((s) => [s.run.seed, s.nodeKeys.map((k) => s.nodes[k]?.name), s.actions.length]),
  ).toEqual([1, ['control-plane', 'node-1', 'node-2', 'node-3'], 0])
})

test('a scenario file exports, and importing it opens the same run', async ({ app, page }) => {
  await app.open('?seed=3')
  await app.fastForward()
  await page.getByTestId('open-faults').click()
  await page.getByTestId('preset-stop-scheduler').click()
  await page.getByTestId('play-pause').click()
  // The pause reaches the worker a moment later: read the run once its time has stopped.
  const time = () => app.state((s) => s.simTimeMs)
  await expect
    .poll(async () => {
      const before = await time()
      await page.waitForTimeout(300)
      return (await time()) === before
    })
    .toBe(true)
  const original = await fingerprint(app)
  await page.getByTestId('open-share').click()
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('export-scenario').click(),
  ])
  const path = await download.path()
  const file = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>
  expect(file).toMatchObject({ kind: 'kube-viz-scenario', schemaVersion: 1, cluster: { seed: 3 } })

  await page.goto('/?seed=1')
  await page.getByTestId('open-share').click()
  await page.getByTestId('import-scenario').setInputFiles(path)
  await expect(page).toHaveURL(/actions=1\./)
  await expect(page.getByTestId('connection')).toHaveText('simulation running')
  await expect.poll(() => app.state((s) => Math.floor(s.simTimeMs))).toBe(original.time)
  expect(await fingerprint(app)).toEqual(original)

  await page.getByTestId('open-share').click()
  await page
    .getByTestId('import-scenario')
    .setInputFiles({ name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from('{}') })
  await expect(page.getByTestId('share-status')).toContainText(
    'notes.json is not a scenario this tool can open',
  )
})
