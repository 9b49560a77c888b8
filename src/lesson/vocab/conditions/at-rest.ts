import { z } from 'zod'
import { pattern, strict } from '../../format/zod-helpers'
import { matches, patternText } from '../match'
import { defineCondition } from './kind'
import type { Facts } from '../facts'

const PROVIDERS = ['identity', 'aescbc', 'aesgcm', 'secretbox'] as const

const params = strict({
  /** An etcd key or wildcard: /registry/secrets/default/db-pass, /registry/secrets/*. */
  key: pattern,
  /** Whether the stored bytes start with k8s:enc:…: (false: the object as it is). */
  encrypted: z.boolean().optional(),
  /** The provider that wrote it: identity (no prefix), aescbc, aesgcm, secretbox. */
  provider: z.enum(PROVIDERS).optional(),
  /** The key name in the prefix: k8s:enc:aescbc:v1:<keyName>:. */
  keyName: z.string().min(1).optional(),
  /** Whether kube-apiserver can read it back with the configuration it runs with now. */
  readable: z.boolean().optional(),
})
type Params = z.infer<typeof params>

interface AtRest {
  key: string
  provider: string
  keyName: string
  readable: boolean
}

/** How each value is stored, read once per etcd revision (decrypting is not free). */
function storedValues(facts: Facts, key: Params['key']): AtRest[] {
  // Every key etcd holds, readable or not (the snapshot's keys leave out what cannot be decoded).
  return facts.sim
    .etcdKeys()
    .filter((k) => matches(key, k))
    .flatMap((k) => {
      const view = facts.sim.etcdGet(k)
      if (!view) return []
      const prefix = /^k8s:enc:([a-z0-9]+):v[0-9]+:([^:]*):$/.exec(view.prefix ?? '')
      return [
        {
          key: k,
          provider: prefix?.[1] ?? 'identity',
          keyName: prefix?.[2] ?? '',
          readable: view.read.ok,
        },
      ]
    })
}

function mismatch(p: Params, v: AtRest): string | undefined {
  const encrypted = v.provider !== 'identity'
  if (p.encrypted !== undefined && p.encrypted !== encrypted)
    return `${v.key} is ${encrypted ? `encrypted (${v.provider})` : 'stored as it is'}`
  if (p.provider !== undefined && p.provider !== v.provider)
    return `${v.key} is stored with ${v.provider}`
  if (p.keyName !== undefined && p.keyName !== v.keyName)
    return `${v.key} is stored ${v.keyName === '' ? 'without a key' : `with key ${v.keyName}`}`
  if (p.readable !== undefined && p.readable !== v.readable)
    return `kube-apiserver ${v.readable ? 'can' : 'cannot'} read ${v.key}`
  return undefined
}

function describe(p: Params): string {
  const how = [
    p.encrypted === true ? 'encrypted' : p.encrypted === false ? 'not encrypted' : '',
    p.provider !== undefined ? `with ${p.provider}` : '',
    p.keyName !== undefined ? `key ${p.keyName}` : '',
    p.readable === true ? 'readable by kube-apiserver' : '',
    p.readable === false ? 'unreadable by kube-apiserver' : '',
  ].filter((s) => s !== '')
  return `etcd holds \`${patternText(p.key)}\` ${how.join(', ') || 'at rest'}`
}

/**
 * How values sit in etcd, as `etcdctl get` shows them: every key matching `key` (at least one)
 * is stored as asked: in the clear or encrypted, by which provider and key, and whether the
 * API server can still read it. What the Secrets tab's etcd inspector shows.
 */
export const atRest = defineCondition<Params>({
  key: 'atRest',
  help: 'how values are stored in etcd: encrypted or not, by which provider and key, readable or not',
  params,
  describe,
  compile: (p) => {
    // Read again when etcd changed or kube-apiserver restarted with another configuration.
    let seen = ''
    let values: AtRest[] = []
    return (facts) => {
      const api = facts.sim.apiServerStatus()
      const now = `${facts.sim.revision}:${api?.running}:${api?.ready}:${api?.encryptionConfigFile}`
      if (now !== seen) {
        seen = now
        values = storedValues(facts, p.key)
      }
      if (values.length === 0) return { met: false, why: 'no such key in etcd' }
      const wrong = values.map((v) => mismatch(p, v)).filter((w) => w !== undefined)
      if (wrong.length > 0)
        return {
          met: false,
          why: `${wrong[0] ?? ''}${wrong.length > 1 ? ` (and ${wrong.length - 1} more)` : ''}`,
        }
      return { met: true, why: values.length === 1 ? 'it is' : `all ${values.length} are` }
    }
  },
})
