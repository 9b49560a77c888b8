import { describe, expect, it } from 'vitest'
import { sampleScenario } from '../../protocol/scenario/sample-scenario'
import { encodeScenarioQuery } from '../../protocol/scenario/url-codec'
import { pageMode } from './page-mode'

describe('what the URL asks the page to be', () => {
  it('a plain deep link is the app with that cluster', () => {
    expect(pageMode('?seed=7&nodes=5&etcd=5&prevote=0')).toMatchObject({
      kind: 'app',
      run: { seed: 7, nodes: 5, etcdMembers: 5, preVote: false, checkQuorum: true },
      warnings: [],
    })
  })

  it('a scenario link opens its scenario; an embed can carry one too', () => {
    const query = `?${encodeScenarioQuery(sampleScenario(5))}`
    expect(pageMode(query)).toMatchObject({
      kind: 'app',
      run: { seed: 42 },
      scenario: { timeMs: 20_500 },
    })
    expect(pageMode(`${query}&embed=1&view=raft`)).toMatchObject({
      kind: 'embed',
      embed: { view: 'raft' },
      scenario: { panel: 'raft' },
    })
  })

  it('a damaged scenario link opens the default cluster and says why', () => {
    const query = `?${encodeScenarioQuery(sampleScenario(5))}`.replace(
      /actions=1\.(.{10})/,
      'actions=1.xx$1',
    )
    const mode = pageMode(query)
    expect(mode).toMatchObject({ kind: 'app', run: { seed: 1, nodes: 3, etcdMembers: 3 } })
    expect(mode.kind !== 'presenter' && mode.refused).toMatch(/damaged/)
  })

  it('the presenter’s window needs a session id', () => {
    expect(pageMode('?presenter=abc-123')).toEqual({ kind: 'presenter', session: 'abc-123' })
    expect(pageMode('?presenter=<script>').kind).toBe('app')
  })
})
