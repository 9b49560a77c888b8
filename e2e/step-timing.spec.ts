import type { Locator } from '@playwright/test'
import { expect, test, type VisualizerPage } from './fixtures'
import { traceSpans } from './flow-oracle'
import { POD_TEMPLATE } from '../src/ui/viz/manifest-templates'
import type { FlowStep } from '../src/sim/index'

interface Observation {
  now: number
  states: string[]
}

/** Records, in the page, every state the step list shows and the cluster time it shows it for. */
async function recordSteps(app: VisualizerPage): Promise<void> {
  await app.page.evaluate(() => {
    const seen: { now: number; states: string[] }[] = []
    ;(window as unknown as { __steps: typeof seen }).__steps = seen
    const list = document.querySelector<HTMLElement>('[data-testid="flow-steps"]')
    if (!list) throw new Error('no step list')
    const read = () => {
      seen.push({
        now: Number(list.dataset['now']),
        states: [...list.children].map((li) => (li as HTMLElement).dataset['state'] ?? ''),
      })
    }
    new MutationObserver(read).observe(list, {
      attributes: true,
      subtree: true,
      attributeFilter: ['data-state', 'data-now'],
    })
  })
}

/** The states the step list shows now. */
async function readStates(list: Locator): Promise<string[]> {
  return list.evaluate((ol) =>
    [...ol.children].map((li) => (li as HTMLElement).dataset['state'] ?? ''),
  )
}

const CASES = [
  { name: '1x in slow motion', speed: '1', slowMotion: true },
  { name: '4x', speed: '4', slowMotion: false },
  { name: '16x', speed: '16', slowMotion: false },
] as const

for (const { name, speed, slowMotion } of CASES) {
  test(`at ${name} each step is lit exactly from its first message to its last, as the trace has them`, async ({
    app,
    page,
  }) => {
    test.setTimeout(150_000)
    await app.open()
    if (!slowMotion) await page.getByTestId('follow-messages').uncheck()
    await app.setSpeed(speed)
    await app.setManifest(POD_TEMPLATE)
    await recordSteps(app)
    await app.apply()
    const narration = page.getByTestId('narration')
    await expect(narration).toContainText('Done: Pod web is Running', { timeout: 120_000 })
    for (const step of [1, 2, 3, 4, 5, 6])
      await expect(app.stepItem(step)).toHaveAttribute('data-state', 'done')
    const seen = await page.evaluate(
      () => (window as unknown as { __steps: Observation[] }).__steps,
    )
    const actions = await app.state((s) => s.actions)
    const { spans, causeAtMs } = traceSpans(await app.state((s) => s.run), actions, 'web')
    const wrong: string[] = []
    const lit = new Set<number>()
    const check = ({ now, states }: Observation) => {
      states.forEach((state, i) => {
        const step = (i + 1) as FlowStep
        const { first, last } = spans[step]
        if (state === 'active') lit.add(step)
        const ok =
          (state === 'pending' && now < first) ||
          (state === 'active' && now >= first && now < last) ||
          (state === 'waiting' && now >= first) ||
          (state === 'done' && now >= last)
        if (!ok)
          wrong.push(
            `step ${String(step)} ${state} at ${now.toFixed(1)} (trace: ${String(first)}–${String(last)})`,
          )
      })
    }
    seen.forEach(check)
    expect(wrong).toEqual([])
    // In slow motion every step is seen lit; faster, a step of a few ms may pass between frames.
    if (slowMotion) expect([...lit].sort()).toEqual([1, 2, 3, 4, 5, 6])
    // The closing line gives the cluster time from the apply to the Running status stored.
    const seconds = ((spans[6].last - causeAtMs) / 1000).toFixed(2)
    await expect(narration).toContainText(`took ${seconds} s of cluster time`)
    if (speed === '1') await app.screenshot('flow-done-1280x800')
    // After a seek back into each step's work, the list shows that instant, not the end.
    await page.getByTestId('play-pause').click()
    const list = page.getByTestId('flow-steps')
    for (const step of [1, 2, 3, 4, 5, 6] as const) {
      const at = Math.round((spans[step].first + spans[step].last) / 2)
      await app.seek(at)
      await expect.poll(() => app.state((s) => s.simTimeMs)).toBe(at)
      await expect(app.stepItem(step)).toHaveAttribute('data-state', /active|waiting/)
      // The list re-reads the flow every animation frame: two frames on, it shows `at`.
      await page.evaluate(
        () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))),
      )
      check({ now: at, states: await readStates(list) })
    }
    expect(wrong).toEqual([])
  })
}
