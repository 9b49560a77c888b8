import { describe, expect, it } from 'vitest'
import { sampleScenario } from './sample-scenario'
import {
  parseScenarioFile,
  serializeScenarioFile,
  SCENARIO_FILE_VERSION,
  toScenarioFile,
} from './scenario-file'

const scenario = sampleScenario(6)
const fileText = serializeScenarioFile(toScenarioFile(scenario, 'Split brain, class 3'))
const edit = (change: (doc: Record<string, unknown>) => void): string => {
  const doc = JSON.parse(fileText) as Record<string, unknown>
  change(doc)
  return JSON.stringify(doc)
}

describe('scenario files', () => {
  it('export then import gives back the scenario and its title', () => {
    expect(parseScenarioFile(fileText)).toEqual({
      ok: true,
      scenario,
      title: 'Split brain, class 3',
    })
  })

  it('is readable JSON an instructor can edit by hand', () => {
    const doc = JSON.parse(fileText) as Record<string, unknown>
    expect(doc).toMatchObject({
      kind: 'kube-viz-scenario',
      schemaVersion: SCENARIO_FILE_VERSION,
      cluster: { seed: 42, nodes: 3, etcdMembers: 3, preVote: true, checkQuorum: true },
      panel: 'raft',
    })
    const hand = edit((d) => {
      d['cluster'] = { seed: 7, nodes: 5, etcdMembers: 5, preVote: true, checkQuorum: true }
      d['actions'] = [{ atMs: 4000, action: { type: 'stopComponent', id: 'etcd-5' } }]
    })
    const parsed = parseScenarioFile(hand)
    expect(parsed.ok && parsed.scenario.etcdMembers).toBe(5)
  })

  it.each([
    ['not JSON', '{"kind": ', /^not JSON/],
    ['another kind of file', '{"kind": "lesson"}', /not a scenario file/],
    ['a list', '[1, 2]', /not a scenario file/],
    [
      'a newer version',
      edit((d) => (d['schemaVersion'] = 2)),
      /schemaVersion 2 was made by a newer version/,
    ],
    ['no version', edit((d) => delete d['schemaVersion']), /^schemaVersion: /],
    ['too many nodes', edit((d) => ((d['cluster'] as { nodes: number }).nodes = 13)), /^nodes: /],
    [
      'an unknown action',
      edit((d) => (d['actions'] = [{ atMs: 1, action: { type: 'explode' } }])),
      /^actions\.0\.action\.type: /,
    ],
    ['a title that is not text', edit((d) => (d['title'] = 5)), /^title: /],
    ['an unknown field', edit((d) => (d['colour'] = 'red')), /colour/],
  ])('refuses %s with a reason', (_name, text, reason) => {
    const parsed = parseScenarioFile(text)
    expect(parsed.ok).toBe(false)
    expect(!parsed.ok && parsed.error).toMatch(reason)
  })
})
