/**
 * `kubectl get secrets|configmaps|serviceaccounts|rolebindings|clusterrolebindings` as the API
 * server prints them; Roles and ClusterRoles have no printer and get the default NAME / CREATED AT.
 * Source: printSecret, printConfigMap, printServiceAccount, printRoleBinding,
 * printClusterRoleBinding in pkg/printers/internalversion/printers.go (v1.32)
 */
import type { ConfigMap, Secret, ServiceAccount } from 'kubernetes-types/core/v1'
import type { ClusterRoleBinding, RoleBinding, Subject } from 'kubernetes-types/rbac/v1'
import { CREATION_TIMESTAMP_DOC, NAME_DOC } from './column-docs'
import type { Table } from './table'
import { column, makeTable, partialObjectMetadata, translateTimestampSince } from './table'

const age = (o: { metadata?: { creationTimestamp?: string } }, now: number) =>
  translateTimestampSince(o.metadata?.creationTimestamp, now)

export function secretsToTable(secrets: readonly Secret[], now: number): Table {
  return makeTable(
    [
      column('Name', 'string', NAME_DOC, { format: 'name' }),
      column(
        'Type',
        'string',
        'Used to facilitate programmatic handling of secret data. More info: https://kubernetes.io/docs/concepts/configuration/secret/#secret-types',
      ),
      column(
        'Data',
        'string',
        "Data contains the secret data. Each key must consist of alphanumeric characters, '-', '_' or '.'. The serialized form of the secret data is a base64 encoded string, representing the arbitrary (possibly non-string) data value here. Described in https://tools.ietf.org/html/rfc4648#section-4",
      ),
      column('Age', 'string', CREATION_TIMESTAMP_DOC),
    ],
    secrets.map((s) => ({
      cells: [s.metadata?.name ?? '', s.type ?? '', Object.keys(s.data ?? {}).length, age(s, now)],
      object: partialObjectMetadata(s.metadata),
    })),
  )
}

export function configMapsToTable(maps: readonly ConfigMap[], now: number): Table {
  return makeTable(
    [
      column('Name', 'string', NAME_DOC, { format: 'name' }),
      column(
        'Data',
        'string',
        "Data contains the configuration data. Each key must consist of alphanumeric characters, '-', '_' or '.'. Values with non-UTF-8 byte sequences must use the BinaryData field. The keys stored in Data must not overlap with the keys in the BinaryData field, this is enforced during validation process.",
      ),
      column('Age', 'string', CREATION_TIMESTAMP_DOC),
    ],
    maps.map((m) => ({
      cells: [
        m.metadata?.name ?? '',
        Object.keys(m.data ?? {}).length + Object.keys(m.binaryData ?? {}).length,
        age(m, now),
      ],
      object: partialObjectMetadata(m.metadata),
    })),
  )
}

export function serviceAccountsToTable(accounts: readonly ServiceAccount[], now: number): Table {
  return makeTable(
    [
      column('Name', 'string', NAME_DOC, { format: 'name' }),
      column(
        'Secrets',
        'string',
        'Secrets is a list of the secrets in the same namespace that pods running using this ServiceAccount are allowed to use.',
      ),
      column('Age', 'string', CREATION_TIMESTAMP_DOC),
    ],
    accounts.map((a) => ({
      cells: [a.metadata?.name ?? '', (a.secrets ?? []).length, age(a, now)],
      object: partialObjectMetadata(a.metadata),
    })),
  )
}

/** SubjectsStrings: users, groups and "namespace/name" ServiceAccounts, comma-joined. */
function subjectCells(subjects: readonly Subject[] | undefined): string[] {
  const of = (kind: string) =>
    (subjects ?? [])
      .filter((s) => s.kind === kind)
      .map((s) => (kind === 'ServiceAccount' ? `${s.namespace ?? ''}/${s.name}` : s.name))
      .join(', ')
  return [of('User'), of('Group'), of('ServiceAccount')]
}

export function bindingsToTable(
  bindings: readonly (RoleBinding | ClusterRoleBinding)[],
  now: number,
  cluster: boolean,
): Table {
  const what = cluster ? 'clusterRoleBinding' : 'roleBinding'
  return makeTable(
    [
      column('Name', 'string', NAME_DOC, { format: 'name' }),
      column(
        'Role',
        'string',
        'RoleRef can only reference a ClusterRole in the global namespace. If the RoleRef cannot be resolved, the Authorizer must return an error.',
      ),
      column('Age', 'string', CREATION_TIMESTAMP_DOC),
      column('Users', 'string', `Users in the ${what}`, { priority: 1 }),
      column('Groups', 'string', `Groups in the ${what}`, { priority: 1 }),
      column('ServiceAccounts', 'string', `ServiceAccounts in the ${what}`, { priority: 1 }),
    ],
    bindings.map((b) => ({
      cells: [
        b.metadata?.name ?? '',
        `${b.roleRef.kind}/${b.roleRef.name}`,
        age(b, now),
        ...subjectCells(b.subjects),
      ],
      object: partialObjectMetadata(b.metadata),
    })),
  )
}
