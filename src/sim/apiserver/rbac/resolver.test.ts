import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { SERVICE_ACCOUNT_PREFIX, splitServiceAccountUsername } from '../authz/attributes'
import { isServiceAccountUser } from './resolver'

describe('isServiceAccountUser', () => {
  // The definition it reads in place: the user name split as a ServiceAccount's.
  const bySplit = (username: string, namespace: string, name: string) => {
    const sa = splitServiceAccountUsername(username)
    return sa?.namespace === namespace && sa.name === name
  }
  it('agrees with splitting the user name, for any names', () => {
    const part = fc.stringMatching(/^[a-z:]{0,4}$/)
    fc.assert(
      fc.property(part, part, part, part, fc.boolean(), (a, b, namespace, name, prefixed) => {
        const username = `${prefixed ? SERVICE_ACCOUNT_PREFIX : 'system:'}${a}:${b}`
        for (const [ns, n] of [
          [namespace, name],
          [a, b],
        ] as const)
          expect(isServiceAccountUser(username, ns, n)).toBe(bySplit(username, ns, n))
      }),
      { numRuns: 2_000 },
    )
  })
})
