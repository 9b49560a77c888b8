import { expect, test } from './fixtures'

// A browser tab holds about 3 GB of JavaScript heap, page and worker together, and a worker that
// runs out takes the tab down; scale mode fills only to what fits and says why, rather than
// letting the worker run the tab out of memory.
test('scale mode asked for more Pods than a tab holds fills to what fits and says so', async ({
  page,
  app,
}) => {
  await page.goto('/?scale=1&nodes=2000&pods=150000')
  const notice = page.getByText(/150,000 Pods on 2,000 nodes would not fit in this browser tab/)
  await expect(notice).toBeVisible()
  const text = (await notice.textContent()) ?? ''
  const capacity = /it runs ([\d,]+) Pods/.exec(text)?.[1]
  expect(capacity).toBeDefined()
  expect(Number(capacity?.replaceAll(',', ''))).toBeLessThan(150_000)
  // It says why: the tab's heap, what the nodes take before any Pod, what a Pod takes.
  expect(text).toMatch(/A tab has about [\d.]+ GB/)
  expect(text).toMatch(/about [\d,]+ MB with 2,000 nodes before any Pod/)
  expect(text).toMatch(/about \d+ KB for each Pod/)
  // The overview's heading counts toward the capped number, not 150,000.
  await expect(page.getByTestId('scale-heading')).toContainText(`of ${capacity ?? ''} Pods`, {
    timeout: 60_000,
  })
  // The whole notice reads within the window at both sizes the course is shown at.
  for (const [width, height] of [
    [1280, 800],
    [1024, 768],
  ] as const) {
    await page.setViewportSize({ width, height })
    const box = await notice.boundingBox()
    expect(box).not.toBeNull()
    expect((box?.x ?? 0) + (box?.width ?? Infinity)).toBeLessThanOrEqual(width)
    // Short enough to leave the map its room: at most three lines.
    const lines = await notice.evaluate((el) => {
      const range = document.createRange()
      range.selectNodeContents(el)
      return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size
    })
    expect(lines).toBeLessThanOrEqual(3)
    await app.screenshot(`scale-capacity-${String(width)}x${String(height)}`)
  }
})
