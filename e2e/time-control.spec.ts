import AxeBuilder from '@axe-core/playwright'
import { createSimulation, type SimEvent } from '../src/sim/index'
import { simulationOptions } from '../src/store/run-options'
import { expect, test } from './fixtures'
import { POD_TEMPLATE } from '../src/ui/viz/manifest-templates'

type Message = Extract<SimEvent, { type: 'MessageSent' }>

test('“Next hop” walks the followed Pod message by message, from apply to Running', async ({
  app,
  page,
}) => {
  test.setTimeout(120_000)
  await app.open()
  await page.getByTestId('play-pause').click()
  await expect(page.getByTestId('next-hop')).toBeDisabled()
  await app.setManifest(POD_TEMPLATE)
  await app.apply()
  const hop = page.getByTestId('next-hop')
  // Enabled once the worker's frame with the new flow has arrived.
  await expect(hop).toBeEnabled()
  const stops: number[] = []
  for (let i = 0; i < 80 && (await hop.isEnabled()); i++) {
    const before = await app.state((s) => s.simTimeMs)
    await hop.click()
    await expect.poll(() => app.state((s) => s.simTimeMs)).toBeGreaterThan(before)
    stops.push(await app.state((s) => s.simTimeMs))
  }
  await expect(page.getByTestId('narration')).toContainText('Done: Pod web is Running')
  expect(stops.length).toBeLessThan(60)
  // Every stop is when one of the flow's messages was sent or arrived, as the trace has them.
  const actions = await app.state((s) => s.actions)
  const sim = createSimulation(simulationOptions(await app.state((s) => s.run)))
  sim.advance(3_000)
  for (const a of actions) {
    sim.advanceTo(a.atMs)
    sim.dispatch(a.action)
  }
  sim.advance(10_000)
  const times = new Set(
    sim.trace
      .filter((e): e is Message => e.type === 'MessageSent' && e.step !== undefined)
      .flatMap((m) => [m.atMs, m.deliverAtMs]),
  )
  expect(stops.filter((t) => !times.has(t))).toEqual([])
})

test('the timeline marks actions and faults; a click seeks there; “Recent” zooms in', async ({
  app,
  page,
}) => {
  await app.open()
  await app.fastForward()
  await app.setSpeed('64')
  await page.waitForTimeout(1_000)
  await app.setManifest(POD_TEMPLATE)
  await app.apply()
  await app.openTab('etcd')
  await page.getByTestId('raft-card-etcd-3').getByRole('button', { name: 'Stop' }).click()
  const markers = page.getByTestId('timeline-marker')
  await expect(markers).toHaveCount(2)
  await expect(markers.nth(1)).toHaveClass(/fault/)
  // Each marker is a target a finger or a shaky hand can hit: 24x24 px, clear of the slider.
  const targets = await new AxeBuilder({ page })
    .withRules(['target-size'])
    .include('.timeline')
    .analyze()
  expect(targets.violations.flatMap((v) => v.nodes.map((n) => n.target.join(' ')))).toEqual([])
  const checked = targets.passes.flatMap((r) => r.nodes.map((n) => n.html))
  expect(checked.filter((html) => html.includes('timeline-marker'))).toHaveLength(2)
  const slider = page.getByTestId('timeline')
  const track = await slider.boundingBox()
  for (const box of await Promise.all((await markers.all()).map((m) => m.boundingBox()))) {
    expect(box && box.width >= 24 && box.height >= 24).toBe(true)
    expect(box && track && box.y + box.height <= track.y + 0.5, 'above the slider').toBe(true)
  }
  await page.waitForTimeout(1_000)
  const applyAt = Number(await markers.first().getAttribute('data-at'))
  await markers.first().click()
  await expect.poll(() => app.state((s) => s.simTimeMs)).toBe(applyAt)
  await expect(page.getByTestId('play-pause')).toHaveAccessibleName('Play')
  await expect(app.stepItem(1)).toHaveAttribute('data-state', 'active')
  expect(Number(await slider.getAttribute('min'))).toBe(0)
  await page.getByTestId('timeline-zoom').click()
  await expect(page.getByTestId('timeline-zoom')).toHaveAttribute('aria-pressed', 'true')
  expect(Number(await slider.getAttribute('min'))).toBeGreaterThan(applyAt - 3_000)
  await app.screenshot('timeline-markers-1280x800')
})

test('keys move the timeline in useful steps, also while playing', async ({ app, page }) => {
  await app.open()
  await app.fastForward()
  // Enough history that a page (10 % of the span) is at least a second; a loaded machine's
  // worker can lag the wall clock at 16x, so wait on the simulation, not on time.
  await expect
    .poll(() => app.state((s) => s.horizonMs), { timeout: 30_000 })
    .toBeGreaterThan(12_000)
  await app.setSpeed('1')
  const slider = page.getByTestId('timeline')
  await slider.focus()
  await slider.press('Home')
  await expect.poll(() => app.state((s) => s.simTimeMs)).toBeLessThan(1_000)
  // Still playing: time goes on from there.
  await expect(page.getByTestId('play-pause')).toHaveAccessibleName('Pause')
  await expect.poll(() => app.state((s) => s.simTimeMs)).toBeGreaterThan(200)
  await page.getByTestId('play-pause').click()
  await slider.focus()
  await slider.press('End')
  const end = await app.state((s) => s.horizonMs)
  await expect.poll(() => app.state((s) => s.simTimeMs)).toBe(end)
  await slider.press('PageDown')
  await expect.poll(() => app.state((s) => s.simTimeMs)).toBeLessThan(end)
  const afterPage = await app.state((s) => s.simTimeMs)
  expect(end - afterPage).toBeGreaterThanOrEqual(1_000)
  await slider.press('ArrowLeft')
  await expect.poll(() => app.state((s) => s.simTimeMs)).toBeLessThan(afterPage)
  const afterArrow = await app.state((s) => s.simTimeMs)
  expect(afterPage - afterArrow).toBeGreaterThanOrEqual(10)
  expect(afterPage - afterArrow).toBeLessThan(end - afterPage)
})
