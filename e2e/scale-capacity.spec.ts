import { expect, test } from './fixtures'

// A browser tab holds about 3.5 GB of JavaScript heap, page and worker together; scale mode fills
// only to what fits and says why, rather than letting the worker run the tab out of memory.
test('scale mode asked for more Pods than a tab holds fills to what fits and says so', async ({
  page,
  app,
}) => {
  await page.goto('/?scale=1&nodes=2000&pods=150000')
  const notice = page.getByText(/150,000 Pods on 2,000 nodes would not fit in a browser tab/)
  await expect(notice).toBeVisible()
  const capacity = /Filling to ([\d,]+) Pods/.exec((await notice.textContent()) ?? '')?.[1]
  expect(capacity).toBeDefined()
  // The overview's heading counts toward the capped number, not 150,000.
  await expect(page.getByTestId('scale-heading')).toContainText(`of ${capacity ?? ''} Pods`, {
    timeout: 60_000,
  })
  await app.screenshot('scale-capacity-1280x800')
})
