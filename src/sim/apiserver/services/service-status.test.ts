import type { Service } from 'kubernetes-types/core/v1'
import { beforeAll, describe, expect, it } from 'vitest'
import { createSimulation, type Simulation } from '../../index'
import { BOOT_MS } from '../../testing/manifests'

/**
 * Table tests: a Service POSTed to the simulated API server, and the exact Status kube-apiserver
 * v1.32 answers (code, reason, message, causes in order). Where the check runs matters: the
 * ClusterIP fields and families are refused before anything is allocated (alloc.go
 * initIPFamilyFields), a ClusterIP or NodePort the allocators refuse next (allocIPs,
 * initNodePorts), and the rest by ValidateService after allocation (validation.go).
 */

const SERVICES = '/api/v1/namespaces/default/services'
const PORT_RANGE = 'must be between 1 and 65535, inclusive'

type Cause = [reason: string, field: string, message: string]

interface Case {
  name: string
  spec: Record<string, unknown>
  message: string
  causes: Cause[]
}

const CASES: Case[] = [
  {
    name: 'no ports',
    spec: { selector: { app: 'web' } },
    message: 'Service "web" is invalid: spec.ports: Required value',
    causes: [['FieldValueRequired', 'spec.ports', 'Required value']],
  },
  {
    // targetPort defaulted to the port, so it is 0 too.
    name: 'port 0',
    spec: { ports: [{ port: 0 }] },
    message: `Service "web" is invalid: [spec.ports[0].port: Invalid value: 0: ${PORT_RANGE}, spec.ports[0].targetPort: Invalid value: 0: ${PORT_RANGE}]`,
    causes: [
      ['FieldValueInvalid', 'spec.ports[0].port', `Invalid value: 0: ${PORT_RANGE}`],
      ['FieldValueInvalid', 'spec.ports[0].targetPort', `Invalid value: 0: ${PORT_RANGE}`],
    ],
  },
  {
    name: 'a port out of range, with a valid targetPort',
    spec: { ports: [{ port: 70000, targetPort: 8080 }] },
    message: `Service "web" is invalid: spec.ports[0].port: Invalid value: 70000: ${PORT_RANGE}`,
    causes: [['FieldValueInvalid', 'spec.ports[0].port', `Invalid value: 70000: ${PORT_RANGE}`]],
  },
  {
    name: 'two ports with the same name',
    spec: {
      ports: [
        { name: 'http', port: 80 },
        { name: 'http', port: 8080 },
      ],
    },
    message: 'Service "web" is invalid: spec.ports[1].name: Duplicate value: "http"',
    causes: [['FieldValueDuplicate', 'spec.ports[1].name', 'Duplicate value: "http"']],
  },
  {
    name: 'a port name that is not a DNS label',
    spec: { ports: [{ name: 'HTTP', port: 80 }] },
    message:
      "Service \"web\" is invalid: spec.ports[0].name: Invalid value: \"HTTP\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
    causes: [
      [
        'FieldValueInvalid',
        'spec.ports[0].name',
        "Invalid value: \"HTTP\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
      ],
    ],
  },
  {
    name: 'a ClusterIP that is not an IP (refused before allocation)',
    spec: { clusterIP: '10.96.0.300', ports: [{ port: 80 }] },
    message:
      'Service "web" is invalid: spec.clusterIPs[0]: Invalid value: "10.96.0.300": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)',
    causes: [
      [
        'FieldValueInvalid',
        'spec.clusterIPs[0]',
        'Invalid value: "10.96.0.300": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)',
      ],
    ],
  },
  {
    name: 'a ClusterIP outside the service CIDR (refused by the allocator)',
    spec: { clusterIP: '10.0.0.5', ports: [{ port: 80 }] },
    message:
      'Service "web" is invalid: spec.clusterIPs: Invalid value: []string{"10.0.0.5"}: failed to allocate IP 10.0.0.5: the provided IP (10.0.0.5) is not in the valid range. The range of valid IPs is 10.96.0.0/12',
    causes: [
      [
        'FieldValueInvalid',
        'spec.clusterIPs',
        'Invalid value: []string{"10.0.0.5"}: failed to allocate IP 10.0.0.5: the provided IP (10.0.0.5) is not in the valid range. The range of valid IPs is 10.96.0.0/12',
      ],
    ],
  },
  {
    name: 'a NodePort outside 30000-32767',
    spec: { type: 'NodePort', ports: [{ port: 80, nodePort: 8080 }] },
    message:
      'Service "web" is invalid: spec.ports[0].nodePort: Invalid value: 8080: provided port is not in the valid range. The range of valid ports is 30000-32767',
    causes: [
      [
        'FieldValueInvalid',
        'spec.ports[0].nodePort',
        'Invalid value: 8080: provided port is not in the valid range. The range of valid ports is 30000-32767',
      ],
    ],
  },
  {
    name: 'a nodePort on a ClusterIP Service',
    spec: { ports: [{ port: 80, nodePort: 30080 }] },
    message:
      'Service "web" is invalid: spec.ports[0].nodePort: Forbidden: may not be used when `type` is \'ClusterIP\'',
    causes: [
      [
        'FieldValueForbidden',
        'spec.ports[0].nodePort',
        "Forbidden: may not be used when `type` is 'ClusterIP'",
      ],
    ],
  },
  {
    name: 'an unknown type',
    spec: { type: 'Public', ports: [{ port: 80 }] },
    message:
      'Service "web" is invalid: spec.type: Unsupported value: "Public": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"',
    causes: [
      [
        'FieldValueNotSupported',
        'spec.type',
        'Unsupported value: "Public": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"',
      ],
    ],
  },
  {
    name: 'an unknown protocol and session affinity, in ValidateService order',
    spec: { sessionAffinity: 'Sticky', ports: [{ port: 80, protocol: 'HTTP' }] },
    message:
      'Service "web" is invalid: [spec.ports[0].protocol: Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP", spec.sessionAffinity: Unsupported value: "Sticky": supported values: "ClientIP", "None"]',
    causes: [
      [
        'FieldValueNotSupported',
        'spec.ports[0].protocol',
        'Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"',
      ],
      [
        'FieldValueNotSupported',
        'spec.sessionAffinity',
        'Unsupported value: "Sticky": supported values: "ClientIP", "None"',
      ],
    ],
  },
  {
    name: 'a headless NodePort Service',
    spec: { type: 'NodePort', clusterIP: 'None', selector: { app: 'web' }, ports: [{ port: 80 }] },
    message:
      'Service "web" is invalid: spec.clusterIPs[0]: Invalid value: "None": may not be set to \'None\' for NodePort services',
    causes: [
      [
        'FieldValueInvalid',
        'spec.clusterIPs[0]',
        'Invalid value: "None": may not be set to \'None\' for NodePort services',
      ],
    ],
  },
  {
    name: 'dual-stack demanded of a single-stack cluster',
    spec: { ipFamilyPolicy: 'RequireDualStack', ports: [{ port: 80 }] },
    message:
      'Service "web" is invalid: spec.ipFamilyPolicy: Invalid value: "RequireDualStack": this cluster is not configured for dual-stack services',
    causes: [
      [
        'FieldValueInvalid',
        'spec.ipFamilyPolicy',
        'Invalid value: "RequireDualStack": this cluster is not configured for dual-stack services',
      ],
    ],
  },
  {
    name: 'an IP family the cluster does not have',
    spec: { ipFamilies: ['IPv6'], ports: [{ port: 80 }] },
    message:
      'Service "web" is invalid: spec.ipFamilies[0]: Invalid value: "IPv6": not configured on this cluster',
    causes: [
      [
        'FieldValueInvalid',
        'spec.ipFamilies[0]',
        'Invalid value: "IPv6": not configured on this cluster',
      ],
    ],
  },
  {
    name: 'an ExternalName Service without a name to point at',
    spec: { type: 'ExternalName' },
    message: 'Service "web" is invalid: spec.externalName: Required value',
    causes: [['FieldValueRequired', 'spec.externalName', 'Required value']],
  },
  {
    name: 'externalTrafficPolicy on a ClusterIP Service',
    spec: { externalTrafficPolicy: 'Local', ports: [{ port: 80 }] },
    message:
      'Service "web" is invalid: spec.externalTrafficPolicy: Invalid value: "Local": may only be set for externally-accessible services',
    causes: [
      [
        'FieldValueInvalid',
        'spec.externalTrafficPolicy',
        'Invalid value: "Local": may only be set for externally-accessible services',
      ],
    ],
  },
]

let sim: Simulation
beforeAll(() => {
  sim = createSimulation({ seed: 16, nodes: 1 })
  sim.advance(BOOT_MS)
})

const post = (spec: Record<string, unknown>, name = 'web') =>
  sim.request({
    method: 'POST',
    path: SERVICES,
    body: JSON.stringify({ apiVersion: 'v1', kind: 'Service', metadata: { name }, spec }),
  })

describe('the exact v1.32 Status for an invalid Service', () => {
  it.each(CASES)('$name', ({ spec, message, causes }) => {
    const response = post(spec)
    expect(response.body).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message,
      reason: 'Invalid',
      details: {
        name: 'web',
        kind: 'Service',
        causes: causes.map(([reason, field, text]) => ({ reason, message: text, field })),
      },
      code: 422,
    })
    expect(sim.request({ method: 'GET', path: `${SERVICES}/web` }).code).toBe(404)
  })

  it('gives back what a refused Service had allocated: its ClusterIP is free for the next one', () => {
    // The allocation happened before validation failed; the address must not leak.
    expect(post({ clusterIP: '10.96.0.50', ports: [{ port: 0 }] }).code).toBe(422)
    const created = post({ clusterIP: '10.96.0.50', ports: [{ port: 80 }] }, 'again')
    expect(created.code).toBe(201)
    expect((created.body as Service).spec?.clusterIPs).toEqual(['10.96.0.50'])
  })
})

describe('Service defaulting and allocation as v1.32 stores it', () => {
  const specOf = (spec: Record<string, unknown>, name: string) => {
    const response = post(spec, name)
    expect(response.code).toBe(201)
    return (response.body as Service).spec ?? {}
  }

  it('a plain Service: ClusterIP from 10.96.0.0/12, TCP, targetPort = port, None, Cluster, IPv4 SingleStack', () => {
    const spec = specOf({ selector: { app: 'web' }, ports: [{ port: 80 }] }, 'plain')
    const ip = spec.clusterIP ?? ''
    expect(ip).toMatch(/^10\.(9[6-9]|10[0-9]|11[01])\.\d+\.\d+$/)
    expect(spec).toEqual({
      selector: { app: 'web' },
      ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }],
      type: 'ClusterIP',
      sessionAffinity: 'None',
      clusterIP: ip,
      clusterIPs: [ip],
      ipFamilies: ['IPv4'],
      ipFamilyPolicy: 'SingleStack',
      internalTrafficPolicy: 'Cluster',
    })
  })

  it('a NodePort Service: a nodePort from 30000-32767 and externalTrafficPolicy Cluster', () => {
    const spec = specOf({ type: 'NodePort', ports: [{ port: 80, targetPort: 'http' }] }, 'np')
    const nodePort = spec.ports?.[0]?.nodePort ?? 0
    expect(nodePort).toBeGreaterThanOrEqual(30000)
    expect(nodePort).toBeLessThanOrEqual(32767)
    expect(spec.ports?.[0]?.targetPort).toBe('http')
    expect(spec.externalTrafficPolicy).toBe('Cluster')
  })

  it('a LoadBalancer allocates NodePorts by default (allocateLoadBalancerNodePorts: true)', () => {
    const spec = specOf({ type: 'LoadBalancer', ports: [{ port: 443 }] }, 'lb')
    expect(spec.allocateLoadBalancerNodePorts).toBe(true)
    expect(spec.ports?.[0]?.nodePort).toBeGreaterThanOrEqual(30000)
  })

  it('ClientIP affinity gets the 3 h timeout', () => {
    const spec = specOf({ sessionAffinity: 'ClientIP', ports: [{ port: 80 }] }, 'sticky')
    expect(spec.sessionAffinityConfig).toEqual({ clientIP: { timeoutSeconds: 10800 } })
  })

  it('a headless Service with a selector: no ClusterIP, IPv4 SingleStack', () => {
    const spec = specOf(
      { clusterIP: 'None', selector: { app: 'db' }, ports: [{ port: 5432 }] },
      'db',
    )
    expect([spec.clusterIP, spec.clusterIPs, spec.ipFamilies, spec.ipFamilyPolicy]).toEqual([
      'None',
      ['None'],
      ['IPv4'],
      'SingleStack',
    ])
  })

  it('a headless Service without a selector defaults to RequireDualStack, both families', () => {
    const spec = specOf({ clusterIP: 'None', ports: [{ port: 5432 }] }, 'external-db')
    expect([spec.ipFamilies, spec.ipFamilyPolicy]).toEqual([['IPv4', 'IPv6'], 'RequireDualStack'])
  })

  it('an ExternalName Service: no ClusterIP, no families, no traffic policy', () => {
    const spec = specOf({ type: 'ExternalName', externalName: 'db.example.com.' }, 'ext')
    expect(spec).toEqual({
      type: 'ExternalName',
      externalName: 'db.example.com.',
      sessionAffinity: 'None',
    })
  })
})
