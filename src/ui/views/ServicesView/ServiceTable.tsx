import type { EndpointSliceRecord, ServiceRecord } from '../../../protocol/records'
import { ScrollRegion } from '../../components/ScrollRegion'
import { serviceEndpoints } from '../../viz/traffic-summary'

interface ServiceTableProps {
  services: ServiceRecord[]
  slices: Readonly<Record<string, EndpointSliceRecord>>
  picked: string | undefined
  onPick: (key: string) => void
}

/** `kubectl get svc`, compact: pick the Service to look at. */
export function ServiceTable({ services, slices, picked, onPick }: ServiceTableProps) {
  return (
    <ScrollRegion label="Services table">
      <table className="services-table">
        <thead>
          <tr>
            <th scope="col">SERVICE</th>
            <th scope="col">CLUSTER-IP</th>
            <th scope="col">PORT(S)</th>
            <th scope="col">READY</th>
          </tr>
        </thead>
        <tbody>
          {services.map((s) => {
            const eps = serviceEndpoints(s, slices)
            const ready = eps.filter((e) => e.ready).length
            return (
              <tr key={s.key} className={s.key === picked ? 'picked' : undefined}>
                <td>
                  <label>
                    <input
                      type="radio"
                      name="service"
                      checked={s.key === picked}
                      onChange={() => {
                        onPick(s.key)
                      }}
                    />{' '}
                    {s.namespace === 'default' ? s.name : `${s.namespace}/${s.name}`}
                  </label>
                  {s.type !== 'ClusterIP' && <span className="muted"> {s.type}</span>}
                </td>
                <td className="mono">{s.clusterIP}</td>
                <td className="mono">{s.ports}</td>
                <td
                  title={`${ready} of ${eps.length} endpoints ready`}
                >{`${ready}/${eps.length}`}</td>
              </tr>
            )
          })}
        </tbody>
      </table>
    </ScrollRegion>
  )
}
