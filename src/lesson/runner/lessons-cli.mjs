// `npm run lessons`: plays every lesson's "show me" headlessly and prints one line per lesson
// (id, steps, goals reached, virtual time, wall time). Vite's module runner loads the
// TypeScript sources and the bundled lesson files exactly as the app's worker does.
import { runnerImport } from 'vite'
import { performance } from 'node:perf_hooks'

const { module } = await runnerImport('/src/lesson/runner/report-all.ts', {
  configFile: false,
  logLevel: 'error',
})
const report = module.reportAllLessons(() => performance.now())
for (const line of report.lines) console.log(line)
for (const problem of report.problems) console.error(`  ${problem}`)
process.exitCode = report.ok ? 0 : 1
