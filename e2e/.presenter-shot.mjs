import { chromium } from '@playwright/test'
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu'],
})
const context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
const page = await context.newPage()
const errors = []
page.on('pageerror', (e) => errors.push('I:' + e.message))
await page.goto('http://127.0.0.1:5291/?seed=1')
await page.waitForTimeout(2500)
const [popup] = await Promise.all([
  context.waitForEvent('page'),
  page.click('[data-testid=open-presenter]'),
])
popup.on('pageerror', (e) => errors.push('P:' + e.message))
popup.on('console', (m) => {
  if (m.type() === 'error') errors.push('P:' + m.text())
})
await popup.setViewportSize({ width: 1920, height: 1080 })
await page.click('[data-testid=tab-etcd]')
await page.waitForTimeout(3000)
await popup.screenshot({ path: '/tmp/shots/presenter.png' })
console.log(
  await popup.getByTestId('following-badge').textContent(),
  await popup.getByTestId('presenter-clock').textContent(),
  await page.getByTestId('sim-time').textContent(),
)
console.log(JSON.stringify(errors.slice(0, 5)))
await browser.close()
