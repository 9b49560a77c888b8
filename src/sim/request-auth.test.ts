import { beforeAll, describe, expect, it } from 'vitest'
import { createSimulation, type Simulation } from './index'

// sim.request's identity: whose credential goes with a headless request, as kubectl would send it.
const PODS = '/api/v1/namespaces/default/pods'
const WHOAMI = '/apis/authentication.k8s.io/v1/selfsubjectreviews'
const REVIEW = '{"apiVersion":"authentication.k8s.io/v1","kind":"SelfSubjectReview"}'

const messageOf = (body: unknown): unknown => (body as { message?: unknown }).message
const userOf = (body: unknown) =>
  (body as { status?: { userInfo?: { username?: string; groups?: string[] } } }).status?.userInfo

let sim: Simulation
beforeAll(() => {
  sim = createSimulation({ seed: 11 })
  sim.advance(3_000)
})

describe('sim.request authenticates as kubectl would', () => {
  it("sends the current context's credential: the kubeadm admin", () => {
    const review = sim.request({ method: 'POST', path: WHOAMI, body: REVIEW })
    expect(review.code).toBe(201)
    expect(userOf(review.body)).toEqual({
      username: 'kubernetes-admin',
      groups: ['kubeadm:cluster-admins', 'system:authenticated'],
    })
  })

  it("another context's user gets upstream's 403", () => {
    const denied = sim.request({ method: 'GET', path: PODS, auth: { context: 'bob@kubernetes' } })
    expect(denied.code).toBe(403)
    expect(messageOf(denied.body)).toBe(
      'pods is forbidden: User "bob" cannot list resource "pods" in API group "" in the namespace "default"',
    )
  })

  it('impersonates with as / asGroups, and leaves nothing behind for the next call', () => {
    const denied = sim.request({ method: 'GET', path: PODS, auth: { as: 'bob' } })
    expect(messageOf(denied.body)).toBe(
      'pods is forbidden: User "bob" cannot list resource "pods" in API group "" in the namespace "default"',
    )
    const masters = sim.request({
      method: 'GET',
      path: PODS,
      auth: { as: 'bob', asGroups: ['system:masters'] },
    })
    expect(masters.code).toBe(200)
    // Neither this call's headers nor a kubectl --as linger on the client.
    sim.kubectl('get pods --as=alice')
    expect(sim.request({ method: 'GET', path: PODS }).code).toBe(200)
  })

  it('sends a bearer token: a ServiceAccount token from kubectl create token', () => {
    const token = sim.kubectl('create token default')
    expect(token.exitCode).toBe(0)
    const review = sim.request({
      method: 'POST',
      path: WHOAMI,
      body: REVIEW,
      auth: { token: token.output },
    })
    expect(userOf(review.body)?.username).toBe('system:serviceaccount:default:default')
    const bad = sim.request({ method: 'GET', path: PODS, auth: { token: 'not-a-token' } })
    expect(bad).toMatchObject({ code: 401, body: { message: 'Unauthorized' } })
  })

  it('a context that is not in the kubeconfig sends nothing', () => {
    const none = sim.request({ method: 'GET', path: PODS, auth: { context: 'nope' } })
    expect(none).toEqual({
      code: 0,
      body: {
        transport: {
          error: 'Error in configuration: context was not found for specified context: nope',
        },
      },
    })
  })
})
