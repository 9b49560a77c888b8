import { useEffect, useState } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { useAppState, useServices } from '../../app/app-context'
import { markServiceLines, rulesStatus } from '../../viz/rules-lines'
import { ProxyModeSwitch } from '../ServicesView/ProxyModeSwitch'
import { RulesControls, type RulesTable } from './RulesControls'
import { RulesText } from './RulesText'
import '../ServicesView/services.css'

/**
 * One node's Service rules as kube-proxy wrote them into its kernel, in the real tools' text:
 * `iptables-save -t nat` / `-t filter`, or `ipvsadm -Ln` in IPVS mode. The lines of one Service
 * can be highlighted or shown alone. The frames carry the text only while this view is open.
 */
export function RulesView() {
  const { client } = useServices()
  const nodes = useAppState(useShallow((s) => s.nodeKeys.map((k) => s.nodes[k]?.name ?? '')))
  const services = useAppState(
    useShallow((s) =>
      Object.values(s.services)
        .map((v) => `${v.namespace}/${v.name}`)
        .sort(),
    ),
  )
  const clusterIPs = useAppState(
    useShallow((s) =>
      Object.fromEntries(
        Object.values(s.services).map((v) => [`${v.namespace}/${v.name}`, v.clusterIP]),
      ),
    ),
  )
  const [node, setNode] = useState<string | undefined>()
  const [table, setTable] = useState<RulesTable | undefined>()
  const [service, setService] = useState<string | undefined>()
  const [only, setOnly] = useState(true)
  const shownNode = node ?? nodes[0]
  const rules = useAppState((s) => (s.rules?.node === shownNode ? s.rules : undefined))
  useEffect(() => {
    if (shownNode === undefined) return
    client.watchRules(shownNode)
    return () => {
      client.watchRules(null)
    }
  }, [client, shownNode])
  const followed = service ?? services.find((k) => k !== 'default/kubernetes')
  const ipvsMode = rules?.mode === 'ipvs'
  // Unless a table was picked, show the one that holds the Services in this mode.
  const wanted = table ?? (ipvsMode ? 'ipvs' : 'nat')
  const shown: RulesTable = wanted === 'ipvs' && !ipvsMode ? 'nat' : wanted
  const text = rules ? rules[shown] : ''
  const lines = markServiceLines(text, followed, followed ? clusterIPs[followed] : undefined)
  const command = shown === 'ipvs' ? 'ipvsadm -Ln' : `iptables-save -t ${shown}`
  return (
    <section className="rules-view panel" aria-labelledby="rules-title" data-testid="rules-view">
      <div className="panel-header">
        <h2 id="rules-title">kube-proxy rules</h2>
        <ProxyModeSwitch />
      </div>
      <RulesControls
        nodes={nodes}
        node={shownNode}
        tables={ipvsMode ? ['ipvs', 'nat', 'filter'] : ['nat', 'filter']}
        table={shown}
        services={services}
        service={followed}
        only={only}
        onNode={setNode}
        onTable={setTable}
        onService={setService}
        onOnly={setOnly}
      />
      <p className="muted" data-testid="rules-status">
        {rulesStatus(rules)}
      </p>
      <RulesText
        command={`root@${shownNode ?? ''}:~# ${command}`}
        lines={only && followed ? lines.filter((l) => l.mine) : lines}
        note={
          only && followed
            ? onlyNote(
                followed,
                lines.some((l) => l.mine),
                ipvsMode,
              )
            : undefined
        }
        columns={shown === 'ipvs'}
      />
    </section>
  )
}

function onlyNote(service: string, found: boolean, ipvsMode: boolean): string {
  if (found) return `# (showing only the lines of ${service} and its chains)`
  return ipvsMode
    ? `# (no line names ${service}: in IPVS mode a Service is an ipset entry and a virtual server, see ipvsadm -Ln)`
    : `# (no line names ${service}: it has no rules in this table)`
}
