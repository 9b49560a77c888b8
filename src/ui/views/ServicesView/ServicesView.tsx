import { useState } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { useAppState } from '../../app/app-context'
import { serviceEndpoints } from '../../viz/traffic-summary'
import { ProxyModeSwitch } from './ProxyModeSwitch'
import { ServiceTable } from './ServiceTable'
import { TrafficPanel } from './TrafficPanel'
import './services.css'

/**
 * Services up close: each Service's ClusterIP and endpoints (from its EndpointSlices, with
 * their readiness), and a client Pod sending it requests through its node's kube-proxy rules,
 * in iptables or IPVS mode: the endpoints table shows where each request went.
 */
export function ServicesView() {
  const services = useAppState(
    useShallow((s) => Object.values(s.services).sort((a, b) => (a.key < b.key ? -1 : 1))),
  )
  const slices = useAppState((s) => s.endpointSlices)
  const [picked, setPicked] = useState<string | undefined>()
  const fallback = services.find((s) => s.name !== 'kubernetes') ?? services[0]
  const service = services.find((s) => s.key === picked) ?? fallback
  return (
    <section
      className="services panel"
      aria-labelledby="services-title"
      data-testid="services-view"
    >
      <div className="panel-header">
        <h2 id="services-title">Services</h2>
        <ProxyModeSwitch />
      </div>
      {services.length === 0 && <p className="muted">No Services yet.</p>}
      <ServiceTable services={services} slices={slices} picked={service?.key} onPick={setPicked} />
      {service && <TrafficPanel service={service} endpoints={serviceEndpoints(service, slices)} />}
    </section>
  )
}
