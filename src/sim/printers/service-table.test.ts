import type { Service } from 'kubernetes-types/core/v1'
import { describe, expect, it } from 'vitest'
import { deploymentsToTable } from './deployment-table'
import { namespacesToTable } from './namespace-table'
import { serviceExternalIp, servicePorts } from './service-table'

const svc = (spec: Service['spec'], status: Service['status'] = {}): Service => ({
  metadata: { name: 's' },
  ...(spec ? { spec } : {}),
  status,
})

// getServiceExternalIP and makePortString, pkg/printers/internalversion/printers.go (v1.32)
describe('serviceExternalIp', () => {
  it.each<[string, Service, string]>([
    ['ClusterIP without external IPs', svc({ type: 'ClusterIP' }), '<none>'],
    [
      'NodePort with external IPs',
      svc({ type: 'NodePort', externalIPs: ['1.1.1.1', '2.2.2.2'] }),
      '1.1.1.1,2.2.2.2',
    ],
    ['LoadBalancer not yet provisioned', svc({ type: 'LoadBalancer' }), '<pending>'],
    [
      'LoadBalancer ingress sorted and de-duplicated, then external IPs',
      svc(
        { type: 'LoadBalancer', externalIPs: ['9.9.9.9'] },
        {
          loadBalancer: {
            ingress: [{ ip: '5.5.5.5' }, { hostname: 'a.example' }, { ip: '5.5.5.5' }],
          },
        },
      ),
      '5.5.5.5,a.example,9.9.9.9',
    ],
    ['ExternalName', svc({ type: 'ExternalName', externalName: 'x.example' }), 'x.example'],
    ['unknown type', svc({ type: 'Weird' }), '<unknown>'],
  ])('%s → %s', (_name, service, text) => {
    expect(serviceExternalIp(service)).toBe(text)
  })

  it('prints ports as port[:nodePort]/protocol, <none> without ports', () => {
    expect(
      servicePorts(
        svc({
          ports: [
            { port: 80, nodePort: 30080, protocol: 'TCP' },
            { port: 53, protocol: 'UDP' },
          ],
        }),
      ),
    ).toBe('80:30080/TCP,53/UDP')
    expect(servicePorts(svc({}))).toBe('<none>')
  })
})

describe('deployments and namespaces', () => {
  it('prints READY as ready/desired and the bare selector string', () => {
    const table = deploymentsToTable(
      [
        {
          metadata: { name: 'd' },
          spec: { selector: { matchLabels: { app: 'd' } }, template: {} },
          status: { readyReplicas: 0 },
        },
      ],
      0,
    )
    expect(table.rows[0]?.cells).toEqual(['d', '0/1', 0, 0, '<unknown>', '', '', 'app=d'])
  })

  it('prints the namespace phase', () => {
    expect(
      namespacesToTable([{ metadata: { name: 'n' }, status: { phase: 'Active' } }], 0).rows[0]
        ?.cells,
    ).toEqual(['n', 'Active', '<unknown>'])
  })
})
