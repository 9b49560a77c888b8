import type { RequestAttributes } from '../authz/attributes'
import type { PolicyIndex } from './policy-index'
import { aggregateErrors, describeSource, visitRulesFor } from './resolver'
import { ruleAllows } from './rule-matching'

/** An authorizer's answer: RBAC only ever allows or has no opinion; it never denies. */
export interface Decision {
  decision: 'Allow' | 'NoOpinion' | 'Deny'
  reason: string
}

/**
 * The RBAC authorizer: visit the user's rules until one allows the request.
 * Source: plugin/pkg/auth/authorizer/rbac/rbac.go Authorize and authorizingVisitor (v1.32)
 */
export function rbacAuthorize(index: PolicyIndex, attributes: RequestAttributes): Decision {
  const errors: string[] = []
  const found: { reason?: string } = {}
  visitRulesFor(index, attributes.user, attributes.namespace, (source, rule, error) => {
    if (source && rule && ruleAllows(attributes, rule)) {
      found.reason = `RBAC: allowed by ${describeSource(source)}`
      return false
    }
    if (error !== undefined) errors.push(error)
    return true
  })
  if (found.reason !== undefined) return { decision: 'Allow', reason: found.reason }
  return {
    decision: 'NoOpinion',
    reason: errors.length > 0 ? `RBAC: ${aggregateErrors(errors)}` : '',
  }
}
