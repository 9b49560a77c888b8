import { beforeAll, describe, expect, it } from 'vitest'
import { MAX_REQUEST_BODY_BYTES } from './apiserver/request-body'
import { MAX_REQUEST_BYTES } from './etcd/member-requests'
import { createSimulation, type Simulation } from './index'

// The two size limits a write meets on its way to etcd, word for word as kube-apiserver v1.32
// and etcd v3.5 answer them.
const PODS = '/api/v1/namespaces/default/pods'

/** A valid Pod whose JSON text is padded (an env value) to about `bytes` bytes. */
function podOfSize(name: string, bytes: number): string {
  const head = `{"apiVersion":"v1","kind":"Pod","metadata":{"name":"${name}"},"spec":{"containers":[{"name":"web","image":"nginx:1.27","env":[{"name":"BIG","value":"`
  const tail = '"}]}]}}'
  return head + 'x'.repeat(bytes - head.length - tail.length) + tail
}

let sim: Simulation
beforeAll(() => {
  sim = createSimulation({ seed: 16, nodes: 1 })
  sim.advance(3_000)
})

describe('request size limits', () => {
  it('models the upstream defaults: 3 MiB request bodies, 1.5 MiB etcd requests', () => {
    // DefaultMaxRequestSizeBytes (apiserver/pkg/server/config.go, v1.32) and
    // DefaultMaxRequestBytes (etcd server/embed/config.go, v3.5).
    expect(MAX_REQUEST_BODY_BYTES).toBe(3 * 1024 * 1024)
    expect(MAX_REQUEST_BYTES).toBe(1.5 * 1024 * 1024)
  })

  it('refuses a body one byte over 3 MiB with 413 before reading it, as limitedReadBody does', () => {
    const body = podOfSize('too-big-body', MAX_REQUEST_BODY_BYTES + 1)
    expect(body.length).toBe(3_145_729)
    const response = sim.request({ method: 'POST', path: PODS, body })
    expect({ code: response.code, body: response.body }).toEqual({
      code: 413,
      body: {
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message: 'Request entity too large: limit is 3145728',
        reason: 'RequestEntityTooLarge',
        code: 413,
      },
    })
  })

  it('counts the limit in UTF-8 bytes, not characters', () => {
    // 1.1 M three-byte characters: 3.3 MB on the wire although the string is shorter than 3 Mi.
    const value = '€'.repeat(1_100_000)
    const body = `{"apiVersion":"v1","kind":"Pod","metadata":{"name":"euro"},"spec":{"containers":[{"name":"web","image":"nginx","env":[{"name":"E","value":"${value}"}]}]}}`
    expect(body.length).toBeLessThan(MAX_REQUEST_BODY_BYTES)
    expect(sim.request({ method: 'POST', path: PODS, body }).code).toBe(413)
  })

  it('applies the limit to PUT and PATCH bodies too', () => {
    const body = podOfSize('patched', MAX_REQUEST_BODY_BYTES + 10)
    expect(sim.request({ method: 'PUT', path: `${PODS}/patched`, body }).code).toBe(413)
    expect(sim.request({ method: 'PATCH', path: `${PODS}/patched`, body }).code).toBe(413)
  })

  it("passes etcd's 'request is too large' through as a 500 and stores nothing", () => {
    // A body of exactly 3 MiB is read (the limit is inclusive); the object is then too large for
    // etcd's 1.5 MiB: ErrGRPCRequestTooLarge (etcd api/v3rpc/rpctypes/error.go), which
    // kube-apiserver does not recognise as a storage error: ErrorToAPIStatus makes it a 500 with
    // StatusReasonUnknown (omitted) and etcd's text (handlers/responsewriters/status.go).
    const body = podOfSize('too-big-for-etcd', MAX_REQUEST_BODY_BYTES)
    const response = sim.request({ method: 'POST', path: PODS, body })
    expect({ code: response.code, body: response.body }).toEqual({
      code: 500,
      body: {
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message: 'etcdserver: request is too large',
        code: 500,
      },
    })
    expect(sim.request({ method: 'GET', path: `${PODS}/too-big-for-etcd` }).code).toBe(404)
  })

  it('stores an object just under 1.5 MiB, and refuses one just over', () => {
    const under = sim.request({
      method: 'POST',
      path: PODS,
      body: podOfSize('just-under', MAX_REQUEST_BYTES - 4096),
    })
    expect(under.code).toBe(201)
    const over = sim.request({
      method: 'POST',
      path: PODS,
      body: podOfSize('just-over', MAX_REQUEST_BYTES + 1),
    })
    expect(over.code).toBe(500)
    expect((over.body as { message: string }).message).toBe('etcdserver: request is too large')
  })

  it('an update that grows an object past 1.5 MiB fails in etcd and leaves the stored one', () => {
    // A Deployment's template may change (a Pod's spec may not, and annotations stop at 256 KiB).
    const deployments = '/apis/apps/v1/namespaces/default/deployments'
    const deployment = `{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"grows"},"spec":{"selector":{"matchLabels":{"app":"grows"}},"template":{"metadata":{"labels":{"app":"grows"}},"spec":{"containers":[{"name":"web","image":"nginx:1.27"}]}}}}`
    expect(sim.request({ method: 'POST', path: deployments, body: deployment }).code).toBe(201)
    const big = 'y'.repeat(MAX_REQUEST_BYTES)
    const patch = `{"spec":{"template":{"spec":{"containers":[{"name":"web","image":"nginx:1.27","env":[{"name":"BIG","value":"${big}"}]}]}}}}`
    const patched = sim.request({ method: 'PATCH', path: `${deployments}/grows`, body: patch })
    expect(patched.code).toBe(500)
    expect((patched.body as { message: string }).message).toBe('etcdserver: request is too large')
    const stored = sim.request({ method: 'GET', path: `${deployments}/grows` })
    expect(JSON.stringify(stored.body)).not.toContain('BIG')
  })
})
