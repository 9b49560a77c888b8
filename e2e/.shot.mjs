import { chromium } from '@playwright/test'
const [, , url, out, w = '1280', h = '800', ...rest] = process.argv
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu'],
})
const page = await browser.newPage({ viewport: { width: Number(w), height: Number(h) } })
const errors = []
page.on('pageerror', (e) => errors.push(e.message))
page.on('console', (m) => {
  if (m.type() === 'error') errors.push(m.text())
})
await page.goto(url)
await page.waitForTimeout(Number(process.env.WAIT ?? 4000))
for (const step of rest) {
  if (step.startsWith('click:')) await page.click(step.slice(6))
  else if (step.startsWith('key:')) await page.keyboard.press(step.slice(4))
  else if (step.startsWith('wait:')) await page.waitForTimeout(Number(step.slice(5)))
}
await page.screenshot({ path: out, fullPage: process.env.FULL === '1' })
console.log(JSON.stringify(errors.slice(0, 5)))
await browser.close()
