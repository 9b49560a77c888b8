import { expect, test } from './fixtures'

for (const [width, height] of [
  [360, 740],
  [2560, 1440],
] as const) {
  test(`the map and panels fit a ${width}px-wide window without overflow or clipped labels`, async ({
    app,
    page,
  }) => {
    await page.setViewportSize({ width, height })
    await app.open()
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - window.innerWidth,
    )
    expect(overflow).toBeLessThanOrEqual(0)
    // Every component label fits inside its box.
    const clipped = await page.evaluate(() =>
      [...document.querySelectorAll('g.component')].flatMap((g) => {
        const rect = g.querySelector('rect')?.getBBox()
        const text = g.querySelector('text')?.getBBox()
        return rect && text && (text.width > rect.width - 4 || text.height > rect.height)
          ? [g.getAttribute('data-testid')]
          : []
      }),
    )
    expect(clipped).toEqual([])
    await expect(page.getByTestId('component-kube-controller-manager')).toBeVisible()
    await app.screenshot(`layout-${width}`)
  })
}
