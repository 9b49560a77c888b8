import { describe, expect, it } from 'vitest'
import { isHighlighted } from './highlight'

describe('map highlights', () => {
  it('matches names and wildcards, and nothing else', () => {
    expect(isHighlighted(['kube-apiserver', 'etcd-*'], 'etcd-3')).toBe(true)
    expect(isHighlighted(['kube-apiserver', 'etcd-*'], 'kube-apiserver')).toBe(true)
    expect(isHighlighted(['kube-apiserver', 'etcd-*'], 'kube-scheduler')).toBe(false)
    expect(isHighlighted(['kubelet/*'], 'kubelet/node-2')).toBe(true)
    expect(isHighlighted([], 'etcd-1')).toBe(false)
  })
})
