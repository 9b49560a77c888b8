import type { Service } from 'kubernetes-types/core/v1'
import { stringify } from 'yaml'
import { describe, expect, it } from 'vitest'
import { createSimulation } from '../../simulation'
import { BOOT_MS } from '../../testing/manifests'
import { ipToNumber } from './allocator'

const sim = createSimulation({ seed: 21, nodes: 1 })
sim.advance(BOOT_MS)

const service = (spec: Record<string, unknown>, name = 'web') =>
  stringify({ apiVersion: 'v1', kind: 'Service', metadata: { name }, spec })
const apply = (spec: Record<string, unknown>, name = 'web') =>
  sim.kubectl('apply -f -', service(spec, name))
const stored = (name: string): Service | undefined =>
  sim.snapshot().objects.find((o) => o.kind === 'Service' && o.metadata?.name === name) as
    Service | undefined

describe('Service validation, in kube-apiserver v1.32’s words', () => {
  it.each([
    ['no ports', {}, 'The Service "web" is invalid: spec.ports: Required value'],
    [
      'port 0',
      { ports: [{ port: 0 }] },
      'The Service "web" is invalid: \n* spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive\n* spec.ports[0].targetPort: Invalid value: 0: must be between 1 and 65535, inclusive',
    ],
    [
      'an unsupported protocol',
      { ports: [{ port: 80, protocol: 'HTTP' }] },
      'The Service "web" is invalid: spec.ports[0].protocol: Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"',
    ],
    [
      'two ports without names',
      { ports: [{ port: 80 }, { port: 443 }] },
      'The Service "web" is invalid: \n* spec.ports[0].name: Required value\n* spec.ports[1].name: Required value',
    ],
    [
      'the same port twice',
      {
        ports: [
          { name: 'a', port: 80 },
          { name: 'b', port: 80 },
        ],
      },
      'The Service "web" is invalid: spec.ports[1]: Duplicate value: core.ServicePort{Name:"", Protocol:"TCP", AppProtocol:(*string)(nil), Port:80, TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:""}, NodePort:0}',
    ],
    [
      'an unknown type',
      { type: 'Public', ports: [{ port: 80 }] },
      'The Service "web" is invalid: spec.type: Unsupported value: "Public": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"',
    ],
    [
      'a nodePort on a ClusterIP Service',
      { ports: [{ port: 80, nodePort: 30080 }] },
      'The Service "web" is invalid: spec.ports[0].nodePort: Forbidden: may not be used when `type` is \'ClusterIP\'',
    ],
    [
      'a NodePort outside the range',
      { type: 'NodePort', ports: [{ port: 80, nodePort: 80 }] },
      'The Service "web" is invalid: spec.ports[0].nodePort: Invalid value: 80: provided port is not in the valid range. The range of valid ports is 30000-32767',
    ],
    [
      'a ClusterIP outside the range',
      { clusterIP: '10.0.0.5', ports: [{ port: 80 }] },
      'The Service "web" is invalid: spec.clusterIPs: Invalid value: []string{"10.0.0.5"}: failed to allocate IP 10.0.0.5: the provided IP (10.0.0.5) is not in the valid range. The range of valid IPs is 10.96.0.0/12',
    ],
    [
      "the kubernetes Service's ClusterIP",
      { clusterIP: '10.96.0.1', ports: [{ port: 80 }] },
      'The Service "web" is invalid: spec.clusterIPs: Invalid value: []string{"10.96.0.1"}: failed to allocate IP 10.96.0.1: provided IP is already allocated',
    ],
    [
      'a named targetPort with capitals',
      { ports: [{ port: 80, targetPort: 'Http' }] },
      'The Service "web" is invalid: spec.ports[0].targetPort: Invalid value: "Http": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)',
    ],
  ])('rejects %s', (_, spec, message) => {
    expect(apply(spec)).toEqual({ exitCode: 1, output: message })
    expect(stored('web')).toBeUndefined()
  })

  it('rejects a name that is not a DNS-1035 label', () => {
    expect(apply({ ports: [{ port: 80 }] }, '1web').output).toBe(
      `The Service "1web" is invalid: metadata.name: Invalid value: "1web": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')`,
    )
  })
})

describe('Service defaults and allocation', () => {
  it('defaults type, protocol, targetPort, affinity and policies; allocates from the upper range', () => {
    expect(apply({ selector: { app: 'web' }, ports: [{ port: 80 }] }).output).toBe(
      'service/web created',
    )
    const spec = stored('web')?.spec
    expect(spec).toMatchObject({
      type: 'ClusterIP',
      sessionAffinity: 'None',
      internalTrafficPolicy: 'Cluster',
      ipFamilies: ['IPv4'],
      ipFamilyPolicy: 'SingleStack',
      ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }],
    })
    // Dynamic ClusterIPs come from above the 256-address offset of 10.96.0.0/12.
    const ip = ipToNumber(spec?.clusterIP ?? '')
    expect(ip).toBeGreaterThan(ipToNumber('10.96.1.0'))
    expect(ip).toBeLessThan(ipToNumber('10.112.0.0'))
    expect(spec?.clusterIPs).toEqual([spec?.clusterIP])
  })

  it('a second apply keeps the allocated ClusterIP and changes nothing', () => {
    const before = stored('web')?.spec?.clusterIP
    expect(apply({ selector: { app: 'web' }, ports: [{ port: 80 }] }).output).toBe(
      'service/web unchanged',
    )
    expect(stored('web')?.spec?.clusterIP).toBe(before)
  })

  it('a ClusterIP may not change once set', () => {
    const current = stored('web')?.spec?.clusterIP ?? ''
    const applied = apply({
      clusterIP: '10.96.7.7',
      selector: { app: 'web' },
      ports: [{ port: 80 }],
    })
    expect(applied.output).toBe(
      'The Service "web" is invalid: spec.clusterIPs[0]: Invalid value: []string{"10.96.7.7"}: may not change once set',
    )
    expect(stored('web')?.spec?.clusterIP).toBe(current)
  })

  it('NodePort Services get a port from 30086-32767, kept across applies', () => {
    expect(
      apply({ type: 'NodePort', selector: { app: 'np' }, ports: [{ port: 80 }] }, 'np').output,
    ).toBe('service/np created')
    const nodePort = stored('np')?.spec?.ports?.[0]?.nodePort ?? 0
    expect(nodePort).toBeGreaterThanOrEqual(30086)
    expect(nodePort).toBeLessThanOrEqual(32767)
    apply({ type: 'NodePort', selector: { app: 'np' }, ports: [{ port: 80 }] }, 'np')
    expect(stored('np')?.spec?.ports?.[0]?.nodePort).toBe(nodePort)
    expect(apply({ type: 'NodePort', ports: [{ port: 80, nodePort }] }, 'np2').output).toBe(
      `The Service "np2" is invalid: spec.ports[0].nodePort: Invalid value: ${nodePort}: provided port is already allocated`,
    )
  })

  it('switching NodePort → ClusterIP drops the allocated NodePort', () => {
    expect(
      apply({ type: 'ClusterIP', selector: { app: 'np' }, ports: [{ port: 80 }] }, 'np').output,
    ).toBe('service/np configured')
    expect(stored('np')?.spec?.ports?.[0]?.nodePort).toBeUndefined()
  })

  it('the API server keeps the kubernetes Service at 10.96.0.1 → its own address', () => {
    expect(sim.kubectl('get svc kubernetes').output).toMatch(
      /^NAME\s+TYPE\s+CLUSTER-IP.*\nkubernetes\s+ClusterIP\s+10\.96\.0\.1\s+<none>\s+443\/TCP\s+/,
    )
    expect(sim.kubectl('get endpoints kubernetes').output).toMatch(
      /kubernetes\s+10\.0\.0\.10:6443\s/,
    )
  })
})
