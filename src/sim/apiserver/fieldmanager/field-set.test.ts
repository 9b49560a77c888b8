import { describe, expect, it } from 'vitest'
import {
  appliedSet,
  compare,
  fromFieldsV1,
  objectPaths,
  pathText,
  toFieldsV1,
  union,
} from './field-set'
import { mergeApplied, removePaths } from './merge'

const pod = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: {
    name: 'web',
    uid: 'u-1',
    labels: { app: 'web' } as Record<string, string>,
    finalizers: ['a/b'],
  },
  spec: {
    nodeSelector: { disk: 'ssd' },
    containers: [
      { name: 'web', image: 'nginx:1.27', ports: [{ containerPort: 80 }], args: ['-g', 'x'] },
    ],
  },
  status: { phase: 'Running' },
}

describe('field sets as structured-merge-diff builds them', () => {
  it('an applied configuration: leaves and list items; stripped metadata and status left out', () => {
    // Associative lists by key (a port's protocol defaults to TCP in its key), sets by value,
    // atomic lists and maps as one leaf (args, nodeSelector).
    expect(toFieldsV1(appliedSet(objectPaths(pod, 'main')))).toEqual({
      'f:metadata': { 'f:finalizers': { 'v:"a/b"': {} }, 'f:labels': { 'f:app': {} } },
      'f:spec': {
        'f:containers': {
          'k:{"name":"web"}': {
            '.': {},
            'f:args': {},
            'f:image': {},
            'f:name': {},
            'f:ports': {
              'k:{"containerPort":80,"protocol":"TCP"}': { '.': {}, 'f:containerPort': {} },
            },
          },
        },
        'f:nodeSelector': {},
      },
    })
  })

  it('FieldsV1 round-trips, "." marking a member with children', () => {
    const set = appliedSet(objectPaths(pod, 'main'))
    expect(fromFieldsV1(toFieldsV1(set))).toEqual(set)
  })

  it('a /status write owns status only', () => {
    expect(toFieldsV1(appliedSet(objectPaths(pod, 'status')))).toEqual({
      'f:status': { 'f:phase': {} },
    })
  })

  it('compare: added structs and maps are members; changed leaves are modified', () => {
    const next = structuredClone(pod)
    next.metadata.labels = { app: 'web', tier: 'front' }
    next.spec.containers[0] = { ...next.spec.containers[0], image: 'nginx:1.28' } as never
    const { added, modified, removed } = compare(
      objectPaths(pod, 'main'),
      objectPaths(next, 'main'),
    )
    expect(toFieldsV1(union(added, modified))).toEqual({
      'f:metadata': { 'f:labels': { 'f:tier': {} } },
      'f:spec': { 'f:containers': { 'k:{"name":"web"}': { 'f:image': {} } } },
    })
    expect(removed.size).toBe(0)
  })

  it('prints paths as fieldpath.Path.String()', () => {
    expect(pathText('f:spec\nf:containers\nk:{"containerPort":80,"protocol":"TCP"}\nf:name')).toBe(
      '.spec.containers[containerPort=80,protocol="TCP"].name',
    )
    expect(pathText('f:metadata\nf:finalizers\nv:"a/b"')).toBe('.metadata.finalizers[="a/b"]')
  })
})

describe('merging an applied configuration', () => {
  it('merges items by key, replaces atomic values, keeps what the configuration leaves out', () => {
    const merged = mergeApplied(pod, {
      spec: {
        nodeSelector: { zone: 'a' },
        containers: [
          { name: 'web', image: 'nginx:1.28' },
          { name: 'sidecar', image: 'busybox' },
        ],
      },
    }) as typeof pod
    expect(merged.spec.nodeSelector).toEqual({ zone: 'a' })
    expect(merged.spec.containers).toEqual([
      { name: 'web', image: 'nginx:1.28', ports: [{ containerPort: 80 }], args: ['-g', 'x'] },
      { name: 'sidecar', image: 'busybox' },
    ])
    expect(merged.status).toEqual({ phase: 'Running' })
  })

  it('removes paths: a list item by key, a field, a set member', () => {
    const removed = removePaths(
      pod,
      new Set([
        'f:spec\nf:containers\nk:{"name":"web"}\nf:ports\nk:{"containerPort":80,"protocol":"TCP"}',
        'f:metadata\nf:labels\nf:app',
        'f:metadata\nf:finalizers\nv:"a/b"',
      ]),
    ) as typeof pod
    expect(removed.spec.containers[0]?.ports).toEqual([])
    expect(removed.metadata.labels).toEqual({})
    expect(removed.metadata.finalizers).toEqual([])
  })
})
