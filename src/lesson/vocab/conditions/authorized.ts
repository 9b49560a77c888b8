import { z } from 'zod'
import { count, pattern, strict } from '../../format/zod-helpers'
import { matches, patternText } from '../match'
import { countTest, defineCondition, traceScanner } from './kind'

const params = strict({
  /** Who the request was decided for (after impersonation): bob, system:serviceaccount:*. */
  user: pattern.optional(),
  /** The API verb: get, list, watch, create, update, patch, delete, impersonate … */
  verb: pattern.optional(),
  /** The resource, with its subresource after a slash: pods, secrets, pods/log. */
  resource: pattern.optional(),
  /** The namespace ('' for cluster-scoped). */
  namespace: z.string().optional(),
  /** true: allowed; false: refused (401 or 403). */
  allowed: z.boolean().optional(),
  /** 200 allowed, 401 authentication failed, 403 forbidden. */
  code: z.union([z.literal(200), z.literal(401), z.literal(403)]).optional(),
  /** true: only `kubectl auth can-i`'s answers (a review, nothing done); false: only requests. */
  review: z.boolean().optional(),
  count: count.optional(),
  atLeast: count.optional(),
})
type Params = z.infer<typeof params>

function describe(p: Params): string {
  const who = p.user !== undefined ? `\`${patternText(p.user)}\`` : 'a user'
  const what = [p.verb, p.resource].filter((x) => x !== undefined).map((x) => patternText(x))
  const where = p.namespace !== undefined ? ` in \`${p.namespace || '(cluster)'}\`` : ''
  const verdict =
    p.code === 401
      ? 'is not authenticated (401)'
      : p.allowed === false || p.code === 403
        ? 'is refused (403)'
        : 'is allowed'
  const asked = p.review === true ? 'asks `kubectl auth can-i` and ' : ''
  return `${who} ${asked}${verdict}${what.length > 0 ? ` to ${what.join(' ')}` : ''}${where}`
}

/**
 * kube-apiserver's authentication and authorization decisions since the step began, as the
 * Access tab lists them: the user (after --as), the verb, resource and namespace, and the
 * verdict. RBAC never says no explicitly; a 403 is "no rule allowed it".
 */
export const authorized = defineCondition<Params>({
  key: 'authorized',
  help: "kube-apiserver's authorization decisions since the step began: user, verb, resource, allowed",
  params,
  describe,
  compile: (p, base) => {
    const scan = traceScanner(base)
    const { test } = countTest(p)
    let seen = 0
    let last = ''
    return (facts) => {
      scan(facts, (e) => {
        if (e.type !== 'AuthorizationDecided') return
        const r = e.record
        const a = r.attributes
        const resource = a ? (a.subresource ? `${a.resource}/${a.subresource}` : a.resource) : ''
        if (p.user !== undefined && !matches(p.user, r.user?.name ?? '')) return
        if (p.verb !== undefined && !matches(p.verb, a?.verb ?? '')) return
        if (p.resource !== undefined && !matches(p.resource, resource)) return
        if (p.namespace !== undefined && p.namespace !== (a?.namespace ?? '')) return
        if (p.allowed !== undefined && p.allowed !== r.allowed) return
        if (p.code !== undefined && p.code !== r.code) return
        if (p.review !== undefined && p.review !== (r.review === true)) return
        seen++
        last = `${r.user?.name ?? 'anonymous'}: ${r.request} → ${r.code}${r.sentence && !r.allowed ? ` (${r.sentence})` : ''}`
      })
      return { met: test(seen), why: last || 'no such decision in this step yet' }
    }
  },
})
