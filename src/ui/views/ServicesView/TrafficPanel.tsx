import { useState } from 'react'
import { useShallow } from 'zustand/react/shallow'
import type { EndpointSliceRecord, ServiceRecord } from '../../../protocol/records'
import { selectProxyMode } from '../../../store/selectors'
import { useAppState, useServices } from '../../app/app-context'
import { modeExplanation, trafficBars } from '../../viz/traffic-summary'
import { TrafficBars } from './TrafficBars'
import { TrafficForm } from './TrafficForm'
import { EndpointsTable } from './EndpointsTable'

interface TrafficPanelProps {
  service: ServiceRecord
  endpoints: EndpointSliceRecord['endpoints']
}

interface Run {
  id: string
  service: string
  total: number
  mode: 'iptables' | 'ipvs'
}

let runCounter = 0

/** A client Pod sends N requests to the Service; the bars show which Pod answered each. */
export function TrafficPanel({ service, endpoints }: TrafficPanelProps) {
  const readyEndpoints = endpoints.filter((e) => e.ready).length
  const { dispatch } = useServices()
  const clients = useAppState(
    useShallow((s) =>
      s.podKeys
        .map((k) => s.pods[k])
        .filter((p) => p?.status === 'Running')
        .map((p) => `${p?.namespace ?? ''}/${p?.name ?? ''}`),
    ),
  )
  const [client, setClient] = useState<string | undefined>()
  const [count, setCount] = useState(30)
  const [run, setRun] = useState<Run | undefined>()
  const results = useAppState(useShallow((s) => (run ? (s.traffic[run.id] ?? []) : [])))
  const mode = useAppState(selectProxyMode)
  const from =
    client !== undefined && clients.includes(client)
      ? client
      : (clients.find((c) => c.endsWith('/client')) ?? clients[0])
  const send = () => {
    if (from === undefined) return
    const id = `traffic-${++runCounter}`
    const name = `${service.namespace}/${service.name}`
    setRun({ id, service: service.key, total: count, mode })
    dispatch({ type: 'sendTraffic', runId: id, from, service: name, count, intervalMs: 100 })
  }
  const current = run?.service === service.key ? run : undefined
  const bars = current ? trafficBars(results) : undefined
  return (
    <div className="traffic" data-testid="traffic-panel">
      <h3>Traffic to {service.name}</h3>
      <TrafficForm
        clients={clients}
        from={from}
        count={count}
        target={`${service.clusterIP}:${service.port}`}
        onClient={setClient}
        onCount={setCount}
        onSend={send}
      />
      {from === undefined && (
        <p className="muted">
          Start a client Pod first (the editor’s “Service web + client Pod” template has one).
        </p>
      )}
      <p className="muted">{modeExplanation(current?.mode ?? mode, readyEndpoints)}</p>
      <EndpointsTable service={service} endpoints={endpoints} bars={bars} />
      {current && (
        <TrafficBars
          bars={bars ?? []}
          done={results.length}
          total={current.total}
          mode={current.mode}
        />
      )}
    </div>
  )
}
