/**
 * `kubectl get services` as the API server computes it.
 * Source: printService, getServiceExternalIP, makePortString,
 * pkg/printers/internalversion/printers.go (v1.32)
 */
import type { Service } from 'kubernetes-types/core/v1'
import {
  CREATION_TIMESTAMP_DOC,
  NAME_DOC,
  SERVICE_CLUSTER_IP_DOC,
  SERVICE_EXTERNAL_IPS_DOC,
  SERVICE_PORTS_DOC,
  SERVICE_SELECTOR_DOC,
  SERVICE_TYPE_DOC,
} from './column-docs'
import type { Table, TableColumnDefinition, TableRow } from './table'
import {
  column,
  compareStrings,
  formatLabels,
  makeTable,
  orDefault,
  partialObjectMetadata,
  translateTimestampSince,
} from './table'

/** Source: serviceColumnDefinitions in AddHandlers, pkg/printers/internalversion/printers.go (v1.32) */
export const SERVICE_COLUMNS: readonly TableColumnDefinition[] = [
  column('Name', 'string', NAME_DOC, { format: 'name' }),
  column('Type', 'string', SERVICE_TYPE_DOC),
  column('Cluster-IP', 'string', SERVICE_CLUSTER_IP_DOC),
  column('External-IP', 'string', SERVICE_EXTERNAL_IPS_DOC),
  column('Port(s)', 'string', SERVICE_PORTS_DOC),
  column('Age', 'string', CREATION_TIMESTAMP_DOC),
  column('Selector', 'string', SERVICE_SELECTOR_DOC, { priority: 1 }),
]

/**
 * Sorted, de-duplicated load-balancer ingress IPs (or hostnames). The server prints with
 * Wide: true, so the 16-character clipping (loadBalancerWidth) never applies to Tables.
 * Source: loadBalancerStatusStringer, pkg/printers/internalversion/printers.go (v1.32)
 */
function loadBalancerIngress(service: Service): string[] {
  const result = new Set<string>()
  for (const ingress of service.status?.loadBalancer?.ingress ?? []) {
    const value = orDefault(ingress.ip, ingress.hostname ?? '')
    if (value !== '') result.add(value)
  }
  return [...result].sort(compareStrings)
}

/** EXTERNAL-IP by service type. Source: getServiceExternalIP (v1.32) */
export function serviceExternalIp(service: Service): string {
  const externalIps = service.spec?.externalIPs ?? []
  switch (service.spec?.type ?? 'ClusterIP') {
    case 'ClusterIP':
    case 'NodePort':
      return externalIps.length > 0 ? externalIps.join(',') : '<none>'
    case 'LoadBalancer': {
      const ips = [...loadBalancerIngress(service), ...externalIps]
      return ips.length > 0 ? ips.join(',') : '<pending>'
    }
    case 'ExternalName':
      return service.spec?.externalName ?? ''
    default:
      return '<unknown>'
  }
}

/** "80/TCP,443:30443/TCP" (port[:nodePort]/protocol). Source: makePortString (v1.32) */
export function servicePorts(service: Service): string {
  const ports = (service.spec?.ports ?? []).map((port) => {
    // Stored objects are defaulted: protocol TCP, SetDefaults_ServicePort, pkg/apis/core/v1/defaults.go (v1.32)
    const protocol = port.protocol ?? 'TCP'
    const nodePort = port.nodePort ?? 0
    return nodePort > 0 ? `${port.port}:${nodePort}/${protocol}` : `${port.port}/${protocol}`
  })
  return orDefault(ports.join(','), '<none>')
}

/** One row; the server always prints the wide cells (GenerateOptions{Wide: true}). */
export function serviceToRow(service: Service, nowSimMs: number): TableRow {
  return {
    cells: [
      service.metadata?.name ?? '',
      service.spec?.type ?? 'ClusterIP',
      orDefault(service.spec?.clusterIPs?.[0], '<none>'),
      serviceExternalIp(service),
      servicePorts(service),
      translateTimestampSince(service.metadata?.creationTimestamp, nowSimMs),
      formatLabels(service.spec?.selector),
    ],
    object: partialObjectMetadata(service.metadata),
  }
}

/** The Table the API server returns for a Service list at virtual time `nowSimMs`. Pure. */
export function servicesToTable(services: readonly Service[], nowSimMs: number): Table {
  return makeTable(
    [...SERVICE_COLUMNS],
    services.map((service) => serviceToRow(service, nowSimMs)),
  )
}
