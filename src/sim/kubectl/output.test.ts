import { describe, expect, it } from 'vitest'
import { formatApiError } from './output'

const RFC1123 =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"

// Each Status went to the real kubectl v1.32.4 (apply -f - against a fake API server on
// 127.0.0.1); the expected text is what it printed, byte for byte (without the final newline).
describe('kubectl’s text for API errors', () => {
  it('prints a 422 with several causes as a prefix line and one "* field: message" line each', () => {
    const status = {
      kind: 'Status',
      status: 'Failure',
      message: `Pod "Web" is invalid: [metadata.name: Invalid value: "Web": ${RFC1123}, spec.containers[0].image: Required value]`,
      reason: 'Invalid',
      details: {
        name: 'Web',
        kind: 'Pod',
        causes: [
          {
            reason: 'FieldValueInvalid',
            message: `Invalid value: "Web": ${RFC1123}`,
            field: 'metadata.name',
          },
          {
            reason: 'FieldValueRequired',
            message: 'Required value',
            field: 'spec.containers[0].image',
          },
        ],
      },
      code: 422,
    }
    expect(formatApiError(status)).toBe(
      `The Pod "Web" is invalid: \n* metadata.name: Invalid value: "Web": ${RFC1123}\n* spec.containers[0].image: Required value`,
    )
  })

  it('prints a 422 with one cause on one line', () => {
    const status = {
      status: 'Failure',
      reason: 'Invalid',
      details: {
        name: 'broken',
        kind: 'Pod',
        causes: [{ message: 'Required value', field: 'spec.containers[0].image' }],
      },
      code: 422,
    }
    expect(formatApiError(status)).toBe(
      'The Pod "broken" is invalid: spec.containers[0].image: Required value',
    )
  })

  it('prints the timeout filter’s text/plain 504 with client-go’s generic words and the request', () => {
    const body = `${JSON.stringify({ metadata: {}, status: 'Failure', code: 504 })}\n`
    expect(formatApiError(body, '', { verb: 'get', resource: 'pods', group: '' })).toBe(
      'Error from server (Timeout): the server was unable to return a response in the time allotted, but may still be processing the request (get pods)',
    )
    expect(
      formatApiError(body, '', {
        verb: 'get',
        resource: 'replicasets',
        group: 'apps',
        name: 'web',
      }),
    ).toBe(
      'Error from server (Timeout): the server was unable to return a response in the time allotted, but may still be processing the request (get replicasets.apps web)',
    )
  })
})
