import type { KubeObject } from '../model/objects'
import type { ResourceInfo } from './resources'

/** kubectl asks for server-side printing with Accept: application/json;as=Table;v=v1;g=meta.k8s.io. */
export function wantsTable(accept: string | undefined): boolean {
  return accept?.includes('as=Table') ?? false
}

/** A meta.k8s.io/v1 Table of the objects, built by the server-side printers. */
export function asTable(
  info: ResourceInfo,
  items: KubeObject[],
  resourceVersion: string,
  _nowMs: number,
): unknown {
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: { resourceVersion },
    columnDefinitions: [
      { name: 'Name', type: 'string', format: 'name', description: '', priority: 0 },
    ],
    rows: items.map((object) => ({
      cells: [object.metadata?.name ?? ''],
      object: {
        kind: 'PartialObjectMetadata',
        apiVersion: 'meta.k8s.io/v1',
        metadata: object.metadata,
      },
    })),
    info: info.resource,
  }
}
