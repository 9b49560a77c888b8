// Makes sure a Chromium for the end-to-end tests exists: Debian's /usr/bin/chromium (or
// $CHROMIUM_PATH). When it is missing and we can use apt (root, as on CI), install it; otherwise
// say exactly what to run. Playwright never downloads a browser of its own here.
import { execSync } from 'node:child_process'
import { existsSync } from 'node:fs'

const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
if (existsSync(path)) process.exit(0)

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0
const hasApt = existsSync('/usr/bin/apt-get')
if (!hasApt) {
  console.error(
    `Chromium not found at ${path}. Install Chromium and set CHROMIUM_PATH to its binary.`,
  )
  process.exit(1)
}
const sudo = isRoot ? '' : 'sudo '
console.error(`Chromium not found at ${path}; installing Debian's chromium with apt-get…`)
try {
  execSync(`${sudo}apt-get update -qq && ${sudo}apt-get install -y -qq chromium`, {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  })
} catch {
  console.error(
    `Could not install Chromium. Run: ${sudo}apt-get update && ${sudo}apt-get install -y chromium`,
  )
  process.exit(1)
}
if (!existsSync(path)) {
  console.error(`apt-get finished but ${path} is still missing.`)
  process.exit(1)
}
