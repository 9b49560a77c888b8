import { describe, expect, it } from 'vitest'
import { runScenario } from './testing/scenario'
import checkquorum from './testdata/checkquorum.txt?raw'
import prevote from './testdata/prevote.txt?raw'

// Golden files: review the diff, then update with `npx vitest run -u src/sim/etcd/raft`.
describe('scenarios (testdata/*.txt)', () => {
  it.each([
    ['prevote', prevote],
    ['checkquorum', checkquorum],
  ])('%s', (name, text) =>
    // Returned, not awaited: the sim's lint bans async (STYLE.md §C3).
    expect(runScenario(text)).toMatchFileSnapshot(`testdata/${name}.golden.txt`),
  )
})
