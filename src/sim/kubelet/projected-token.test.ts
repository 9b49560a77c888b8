import { describe, expect, it } from 'vitest'
import { generateSigningKey } from '../apiserver/authn/jwt'
import {
  mintServiceAccountToken,
  SERVICE_ACCOUNT_ISSUER,
  type TokenSpec,
} from '../apiserver/authn/service-account-token'
import { createRng } from '../core/rng'
import { keepMountedFiles, keepToken, tokenText, volumeFiles } from './projected-token'
import type { KubeletState, PodWorker } from './state'
import { OWN_TOKEN } from './volumes'

const key = generateSigningKey(createRng('projected-token'))
const worker = {
  name: 'web-0-fb59759c-gppvg',
  uid: '22096132-31c4-4dbf-8953-848ed8848f93',
  namespace: 'default',
  pod: {
    spec: { serviceAccountName: 'default', volumes: [{ name: 'kube-api-access-n7h74' }] },
  },
} as unknown as PodWorker
const kubelet = () =>
  ({ nodeName: 'node-1', nodeUid: 'a8d0bcbe-74e7-4fdf-9ae3-13d50c0951d5' }) as KubeletState

/** The projected volume's token as kube-apiserver mints it for the Pod (token-request.ts). */
const minted = (over: Partial<TokenSpec> = {}, nowMs = 63_149) =>
  mintServiceAccountToken(key, {
    namespace: 'default',
    serviceAccount: { name: 'default', uid: 'e44af949-ccfa-40cd-b205-514ce0c24ff8' },
    nowMs,
    expirationSeconds: 365 * 24 * 3600,
    audiences: [SERVICE_ACCOUNT_ISSUER],
    jti: '11187afe-3722-4ecc-93ec-acd547525d25',
    binding: {
      pod: { name: worker.name, uid: worker.uid },
      node: { name: 'node-1', uid: 'a8d0bcbe-74e7-4fdf-9ae3-13d50c0951d5' },
    },
    ...over,
  })

describe('projected token kept by the kubelet', () => {
  it('keeps a bound token as its parts, and gives back every byte of it', () => {
    const token = minted()
    const kept = keepToken(kubelet(), worker, token, undefined)
    expect(typeof kept).toBe('object')
    expect(tokenText(worker, kept)).toBe(token)
  })

  it('mounts the next Pod on the node the same, sharing the last Pod’s strings where equal', () => {
    const state = kubelet()
    const mount = (token: string, ca: string) =>
      keepMountedFiles(state, worker, {
        volumes: [[0, { token, 'ca.crt': ca, namespace: 'default' }]],
        env: {},
        token,
      })
    const first = mount(minted(), JSON.parse('"CA"') as string)
    const secondToken = minted({ jti: 'other' }, 70_000)
    const second = mount(secondToken, JSON.parse('"CA"') as string)
    expect(state.lastMounted).toBe(second)
    if (typeof first.token !== 'object' || typeof second.token !== 'object')
      throw new Error('not kept')
    expect(second.token.issued).toBe(first.token.issued)
    expect(tokenText(worker, second.token)).toBe(secondToken)
    expect(second.volumes[0]?.[1]['ca.crt']).toBe('CA')
    // The second Pod's volumes are the first's: its token is its own, not in the list.
    expect(second.volumes).toBe(first.volumes)
    expect(second.volumes[0]?.[1]['token']).toBe(OWN_TOKEN)
  })

  it('keeps as text what it cannot rebuild: another audience, an unbound token, not a JWT', () => {
    const state = kubelet()
    for (const token of [minted({ audiences: ['vault'] }), minted({ binding: {} }), 'not-a-jwt'])
      expect(keepToken(state, worker, token, undefined)).toBe(token)
  })

  it('mounts the same file: the volume lists the token, which reads back as the JWT', () => {
    const token = minted()
    const files = keepMountedFiles(kubelet(), worker, {
      volumes: [[0, { token, 'ca.crt': 'CA', namespace: 'default' }]],
      env: {},
      token,
    })
    expect(typeof files.token).toBe('object')
    const mounted = { ...worker, files } as PodWorker
    expect(volumeFiles(mounted, 'kube-api-access-n7h74')).toEqual([
      ['token', token],
      ['ca.crt', 'CA'],
      ['namespace', 'default'],
    ])
  })
})
