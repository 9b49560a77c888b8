import { chromium } from '@playwright/test'
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu','--disable-background-networking','--disable-component-update'] })
const url = process.argv[2]
const [w,h] = (process.argv[3] ?? '1280x800').split('x').map(Number)
const page = await browser.newPage({ viewport: { width: w, height: h } })
page.on('console', (m) => { if (m.type() === 'error' || m.type()==='warning') console.log('console', m.type(), m.text().slice(0,300)) })
page.on('pageerror', (e) => console.log('pageerror', e.message))
await page.goto(url)
await page.waitForTimeout(Number(process.argv[5] ?? 15000))
console.log(await page.locator('[data-testid=scale-heading]').textContent().catch(() => 'no heading'))
await page.screenshot({ path: process.argv[4] ?? '/tmp/uiscratch/look.png' })
await browser.close()
