import { decodeScenarioQuery } from '../../protocol/scenario/url-codec'
import type { Scenario } from '../../protocol/scenario/scenario'
import { DEFAULT_RUN, type RunOptions } from '../../store/store'
import { parseEmbedOptions, type EmbedOptions } from '../embed/embed-options'
import { parseUrlOptions } from './url-options'
import type { ScaleLoad } from '../../protocol/scale'

/** What the URL asks the page to be: the app, an embed, or the presenter's window. */
export type PageMode =
  | {
      kind: 'app' | 'embed'
      run: RunOptions
      scenario?: Scenario | undefined
      embed?: EmbedOptions | undefined
      warnings: string[]
      /** Set when a scenario link was refused: shown as a notice; the default cluster opens. */
      refused?: string | undefined
      /** Scale mode (?scale=1): aggregates, and Deployments adding up to this many Pods. */
      scale?: ScaleLoad | undefined
    }
  | { kind: 'presenter'; session: string }

export function runOfScenario(scenario: Scenario): RunOptions {
  const { seed, nodes, etcdMembers, preVote, checkQuorum } = scenario
  const controlPlanes = scenario.controlPlanes ?? DEFAULT_RUN.controlPlanes
  const systemPods = scenario.systemPods ?? DEFAULT_RUN.systemPods
  return { seed, nodes, etcdMembers, preVote, checkQuorum, controlPlanes, systemPods }
}

export function pageMode(search: string): PageMode {
  const params = new URLSearchParams(search)
  const session = params.get('presenter')
  if (session !== null && /^[a-z0-9-]{1,64}$/i.test(session)) return { kind: 'presenter', session }
  const embed = parseEmbedOptions(search)
  const kind = embed ? 'embed' : 'app'
  const link = decodeScenarioQuery(search)
  if (link.kind === 'scenario')
    return {
      kind,
      embed,
      run: runOfScenario(link.scenario),
      scenario: link.scenario,
      warnings: embed?.warnings ?? [],
    }
  if (link.kind === 'refused')
    return { kind, embed, run: DEFAULT_RUN, refused: link.error, warnings: embed?.warnings ?? [] }
  const url = parseUrlOptions(search)
  return {
    kind,
    embed,
    run: {
      seed: url.seed,
      nodes: url.nodes,
      etcdMembers: url.etcd,
      preVote: url.preVote,
      checkQuorum: url.checkQuorum,
      controlPlanes: url.controlPlanes,
      systemPods: url.systemPods,
    },
    warnings: [...url.warnings, ...(embed?.warnings ?? [])],
    ...(url.scale ? { scale: url.scale } : {}),
  }
}
