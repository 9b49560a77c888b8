import { expect, test, type VisualizerPage } from './fixtures'
import { POD_TEMPLATE } from '../src/ui/viz/manifest-templates'

const simTime = (app: VisualizerPage) => app.state((s) => s.simTimeMs)

test('pause stops virtual time, step advances it one instant, speed changes the rate', async ({
  app,
  page,
}) => {
  await app.open()
  await page.getByTestId('play-pause').click()
  await expect(page.getByTestId('play-pause')).toHaveAccessibleName('Play')
  const paused = await simTime(app)
  await page.waitForTimeout(500)
  expect(await simTime(app)).toBe(paused)
  await app.setManifest(POD_TEMPLATE)
  await app.apply()
  await page.getByTestId('step').click()
  await expect.poll(() => simTime(app)).toBeGreaterThan(paused)
  const stepped = await simTime(app)
  await page.waitForTimeout(400)
  expect(await simTime(app)).toBe(stepped)
  await expect(page.getByTestId('play-pause')).toHaveAccessibleName('Play')
  await app.setSpeed('0.25')
  await expect.poll(() => app.state((s) => s.speed)).toBe(0.25)
  await page.getByTestId('follow-messages').uncheck()
  await app.setSpeed('64')
  await page.getByTestId('play-pause').click()
  const before = await simTime(app)
  await page.waitForTimeout(1000)
  expect((await simTime(app)) - before).toBeGreaterThan(20_000)
})

test('dragging the timeline back shows the earlier state, and playing forward again restores it', async ({
  app,
  page,
}) => {
  await app.open()
  await app.fastForward()
  await app.applyUntilRunning(POD_TEMPLATE, 'web')
  await page.getByTestId('play-pause').click()
  await expect(page.getByTestId('play-pause')).toHaveAccessibleName('Play')
  const createdMs = await app.state(
    (s) => Object.values(s.pods).find((p) => p.name === 'web')?.createdMs ?? 0,
  )
  const slider = page.getByTestId('timeline')
  const box = await slider.boundingBox()
  if (!box) throw new Error('timeline not visible')
  await page.mouse.move(box.x + box.width - 3, box.y + box.height / 2)
  await page.mouse.down()
  await page.mouse.move(box.x + 4, box.y + box.height / 2, { steps: 8 })
  await page.mouse.up()
  await expect(await app.podRow('web')).toHaveCount(0)
  expect(await simTime(app)).toBeLessThan(createdMs)
  await expect(page.getByTestId('play-pause')).toHaveAccessibleName('Play')
  await app.screenshot('timeline-rewound-1280')
  await page.getByTestId('play-pause').click()
  await expect(await app.podRow('web')).toContainText('Running', { timeout: 45_000 })
})

test('a change made after seeking back forks a new history', async ({ app, page }) => {
  await app.open()
  await app.fastForward()
  await app.applyUntilRunning(POD_TEMPLATE, 'web')
  await page.getByTestId('play-pause').click()
  await app.seek(3_000)
  await expect(await app.podRow('web')).toHaveCount(0)
  await app.setManifest(POD_TEMPLATE.replace('name: web\n', 'name: other\n'))
  await app.apply()
  await page.getByTestId('play-pause').click()
  await expect(await app.podRow('other')).toContainText('Running', { timeout: 30_000 })
  await expect(await app.podRow('web')).toHaveCount(0)
  expect(await app.state((s) => s.actions.length)).toBe(1)
})

test('the controls beside play stay put when it turns to pause and back', async ({ app, page }) => {
  const boxes = async () =>
    Promise.all(
      ['step', 'speed', 'follow-messages'].map(async (id) => {
        const box = await page.getByTestId(id).boundingBox()
        return box && { id, x: Math.round(box.x), y: Math.round(box.y) }
      }),
    )
  for (const viewport of [
    { width: 1280, height: 800 },
    { width: 1024, height: 768 },
  ]) {
    await page.setViewportSize(viewport)
    await app.open()
    await expect(page.getByTestId('play-pause')).toHaveAccessibleName('Pause')
    const playing = await boxes()
    await page.getByTestId('play-pause').click()
    await expect(page.getByTestId('play-pause')).toHaveAccessibleName('Play')
    expect(await boxes()).toEqual(playing)
    // A click right after the label changes lands where the student aimed.
    await page.getByTestId('follow-messages').uncheck()
    await expect.poll(() => app.state((s) => s.followMessages)).toBe(false)
  }
})
