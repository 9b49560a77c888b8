import { describe, expect, it } from 'vitest'
import { makeNode, makePod } from '../../testing/builders'
import { byName, makeNodeInfo, runScore } from '../../testing/framework-helpers'
import { MB, imageLocality } from './image-locality'

// The node images of image_locality_test.go: node403002000 and node25010.
const node1 = () =>
  makeNodeInfo(
    makeNode('node1')
      .images({
        'gcr.io/40:latest': 40 * MB,
        'gcr.io/300:latest': 300 * MB,
        'gcr.io/2000:latest': 2000 * MB,
      })
      .obj(),
  )
const node2 = () =>
  makeNodeInfo(
    makeNode('node2')
      .images({ 'gcr.io/250:latest': 250 * MB, 'gcr.io/10:v1': 10 * MB })
      .obj(),
  )

describe('ImageLocality Score (image_locality_test.go)', () => {
  it('two images spread on two nodes, prefer the larger image one', () => {
    // Pod: gcr.io/40 gcr.io/250
    // node1: gcr.io/40:latest 40MB on 1 of 2 nodes → 20MB < 23MB min-threshold → 0
    // node2: gcr.io/250:latest 250MB → 125MB; 100 * (125MB - 23MB) / (1000MB * 2 - 23MB) = 5
    const pod = makePod('p').container('gcr.io/40').container('gcr.io/250').obj()
    expect(byName(runScore(imageLocality, pod, [node1(), node2()]).normalized)).toEqual({
      node1: 0,
      node2: 5,
    })
  })

  it('two images on one node, prefer this node', () => {
    // Pod: gcr.io/40 gcr.io/300
    // node1: (40MB + 300MB) / 2 = 170MB; 100 * (170MB - 23MB) / (2000MB - 23MB) = 7
    // node2: nothing → 0
    const pod = makePod('p').container('gcr.io/40').container('gcr.io/300').obj()
    expect(byName(runScore(imageLocality, pod, [node1(), node2()]).normalized)).toEqual({
      node1: 7,
      node2: 0,
    })
  })

  it('if exceed limit, use limit', () => {
    // Pod: gcr.io/2000 gcr.io/10
    // node1: 2000MB / 2 = 1000MB; 100 * (1000MB - 23MB) / (2000MB - 23MB) = 49
    // node2: gcr.io/10 is only present as :v1, and the pod's "gcr.io/10" means :latest → 0
    const pod = makePod('p').container('gcr.io/2000').container('gcr.io/10').obj()
    expect(byName(runScore(imageLocality, pod, [node1(), node2()]).normalized)).toEqual({
      node1: 49,
      node2: 0,
    })
  })

  it('include InitContainers: an image on every node counts in full', () => {
    // Pod: init gcr.io/300, container gcr.io/2000; 2 containers → max 2000MB
    // one node holding both: 300MB * 1/1 + 2000MB * 1/1 = 2300MB → clamped to 2000MB → 100
    const only = makeNodeInfo(
      makeNode('n')
        .images({ 'gcr.io/300:latest': 300 * MB, 'gcr.io/2000:latest': 2000 * MB })
        .obj(),
    )
    const pod = makePod('p').initContainer('gcr.io/300').container('gcr.io/2000').obj()
    expect(byName(runScore(imageLocality, pod, [only]).normalized)).toEqual({ n: 100 })
  })
})
