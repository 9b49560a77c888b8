/**
 * `kubectl get nodes` as the API server computes it.
 * Source: printNode, pkg/printers/internalversion/printers.go (v1.32)
 */
import type { Node } from 'kubernetes-types/core/v1'
import {
  CONTAINER_RUNTIME_VERSION_DOC,
  CREATION_TIMESTAMP_DOC,
  KERNEL_VERSION_DOC,
  KUBELET_VERSION_DOC,
  NAME_DOC,
  NODE_ADDRESSES_DOC,
  OS_IMAGE_DOC,
} from './column-docs'
import type { Table, TableColumnDefinition, TableRow } from './table'
import {
  column,
  compareStrings,
  makeTable,
  orDefault,
  partialObjectMetadata,
  translateTimestampSince,
} from './table'

/** Source: nodeColumnDefinitions in AddHandlers, pkg/printers/internalversion/printers.go (v1.32) */
export const NODE_COLUMNS: readonly TableColumnDefinition[] = [
  column('Name', 'string', NAME_DOC, { format: 'name' }),
  column('Status', 'string', 'The status of the node'),
  column('Roles', 'string', 'The roles of the node'),
  column('Age', 'string', CREATION_TIMESTAMP_DOC),
  column('Version', 'string', KUBELET_VERSION_DOC),
  column('Internal-IP', 'string', NODE_ADDRESSES_DOC, { priority: 1 }),
  column('External-IP', 'string', NODE_ADDRESSES_DOC, { priority: 1 }),
  column('OS-Image', 'string', OS_IMAGE_DOC, { priority: 1 }),
  column('Kernel-Version', 'string', KERNEL_VERSION_DOC, { priority: 1 }),
  column('Container-Runtime', 'string', CONTAINER_RUNTIME_VERSION_DOC, { priority: 1 }),
]

// labelNodeRolePrefix and nodeLabelRole, pkg/printers/internalversion/printers.go (v1.32)
const LABEL_NODE_ROLE_PREFIX = 'node-role.kubernetes.io/'
const NODE_LABEL_ROLE = 'kubernetes.io/role'

/**
 * STATUS: "Ready", "NotReady" (Ready is False or Unknown) or "Unknown" (no Ready condition),
 * plus ",SchedulingDisabled" when cordoned. The last Ready condition in the list wins
 * (conditionMap overwrites), as upstream.
 */
export function nodeStatus(node: Node): string {
  const ready = (node.status?.conditions ?? []).filter((c) => c.type === 'Ready').at(-1)
  const status: string[] = []
  if (ready === undefined) status.push('Unknown')
  else status.push(ready.status === 'True' ? 'Ready' : 'NotReady')
  if (node.spec?.unschedulable === true) status.push('SchedulingDisabled')
  return status.join(',')
}

/**
 * ROLES: sorted, de-duplicated roles from `node-role.kubernetes.io/<role>` label keys and the
 * legacy `kubernetes.io/role=<role>` value; "<none>" when there are none.
 * Source: findNodeRoles, pkg/printers/internalversion/printers.go (v1.32)
 */
export function nodeRoles(node: Node): string {
  const roles = new Set<string>()
  for (const [key, value] of Object.entries(node.metadata?.labels ?? {})) {
    if (key.startsWith(LABEL_NODE_ROLE_PREFIX)) {
      const role = key.slice(LABEL_NODE_ROLE_PREFIX.length)
      if (role.length > 0) roles.add(role)
    } else if (key === NODE_LABEL_ROLE && value !== '') {
      roles.add(value)
    }
  }
  const joined = [...roles].sort(compareStrings).join(',')
  return joined === '' ? '<none>' : joined
}

/** First address of the type, or "<none>": getNodeInternalIP / getNodeExternalIP. */
function nodeAddress(node: Node, type: 'InternalIP' | 'ExternalIP'): string {
  return node.status?.addresses?.find((a) => a.type === type)?.address ?? '<none>'
}

/** One row; the server always prints the wide cells (GenerateOptions{Wide: true}). */
export function nodeToRow(node: Node, nowSimMs: number): TableRow {
  const info = node.status?.nodeInfo
  const orUnknown = (value: string | undefined): string => orDefault(value, '<unknown>')
  return {
    cells: [
      node.metadata?.name ?? '',
      nodeStatus(node),
      nodeRoles(node),
      translateTimestampSince(node.metadata?.creationTimestamp, nowSimMs),
      info?.kubeletVersion ?? '',
      nodeAddress(node, 'InternalIP'),
      nodeAddress(node, 'ExternalIP'),
      orUnknown(info?.osImage),
      orUnknown(info?.kernelVersion),
      orUnknown(info?.containerRuntimeVersion),
    ],
    object: partialObjectMetadata(node.metadata),
  }
}

/** The Table the API server returns for a node list at virtual time `nowSimMs`. Pure. */
export function nodesToTable(nodes: readonly Node[], nowSimMs: number): Table {
  return makeTable(
    [...NODE_COLUMNS],
    nodes.map((node) => nodeToRow(node, nowSimMs)),
  )
}
