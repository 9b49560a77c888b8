import { describe, expect, it } from 'vitest'
import { goUnmarshal } from './go-unmarshal'
import { ANY, goType } from './go-types'
import { jsonSyntaxError } from './json-syntax'

// Expected texts are worked out from the decoder they mirror (sigs.k8s.io/json decode.go at
// 9aa6b5e, Go 1.23's UnmarshalTypeError.Error): the struct named is the one whose field holds
// the bad value, the field path joins JSON names and skips list indexes and map keys.
const pod = goType('Pod')
const error = (text: string, strict = true) => {
  const result = goUnmarshal(text, pod, { strict })
  return result.ok ? `ok ${JSON.stringify(result.strictErrors)}` : result.error
}

describe('Go JSON decoding into Kubernetes types', () => {
  it.each([
    [
      'a number where a list is expected',
      '{"spec":{"containers":5}}',
      'json: cannot unmarshal number into Go struct field PodSpec.spec.containers of type []v1.Container',
    ],
    [
      'a string where an integer is expected (list indexes are not in the path)',
      '{"spec":{"containers":[{"ports":[{"containerPort":"80"}]}]}}',
      'json: cannot unmarshal string into Go struct field ContainerPort.spec.containers.ports.containerPort of type int32',
    ],
    [
      'an object where a string is expected',
      '{"metadata":{"name":{}}}',
      'json: cannot unmarshal object into Go struct field ObjectMeta.metadata.name of type string',
    ],
    [
      'a map value of the wrong type (map keys are not in the path)',
      '{"metadata":{"labels":{"app":5}}}',
      'json: cannot unmarshal number into Go struct field ObjectMeta.metadata.labels of type string',
    ],
    [
      'a named string type prints under its own name',
      '{"spec":{"restartPolicy":true}}',
      'json: cannot unmarshal bool into Go struct field PodSpec.spec.restartPolicy of type v1.RestartPolicy',
    ],
    [
      'types.UID',
      '{"metadata":{"uid":[]}}',
      'json: cannot unmarshal array into Go struct field ObjectMeta.metadata.uid of type types.UID',
    ],
    [
      'int32 overflow gives the number',
      '{"spec":{"priority":3000000000}}',
      'json: cannot unmarshal number 3000000000 into Go struct field PodSpec.spec.priority of type int32',
    ],
    [
      'a float into an integer gives the number',
      '{"spec":{"terminationGracePeriodSeconds":1.5}}',
      'json: cannot unmarshal number 1.5 into Go struct field PodSpec.spec.terminationGracePeriodSeconds of type int64',
    ],
    [
      'a top-level value that is not an object',
      '[1]',
      'json: cannot unmarshal array into Go value of type v1.Pod',
    ],
    [
      'the first type error wins; decoding went on',
      '{"metadata":{"name":1},"spec":{"containers":5}}',
      'json: cannot unmarshal number into Go struct field ObjectMeta.metadata.name of type string',
    ],
    [
      'a type error wins over strict errors',
      '{"spex":1,"spec":{"containers":5}}',
      'json: cannot unmarshal number into Go struct field PodSpec.spec.containers of type []v1.Container',
    ],
  ])('%s', (_, body, expected) => {
    expect(error(body)).toBe(expected)
  })

  it('reports every unknown field, with list indexes and full paths, in document order', () => {
    expect(
      error('{"spec":{"containerz":[],"containers":[{"name":"a","imagez":"x"}]},"statuz":{}}'),
    ).toBe(
      'ok ["unknown field \\"spec.containerz\\"","unknown field \\"spec.containers[0].imagez\\"","unknown field \\"statuz\\""]',
    )
  })

  it('matches field names case-sensitively (encoding/json would fold them)', () => {
    expect(error('{"Metadata":{}}')).toBe('ok ["unknown field \\"Metadata\\""]')
  })

  it('reports duplicate fields and map keys, and keeps the last value', () => {
    const result = goUnmarshal(
      '{"metadata":{"name":"a","name":"b","labels":{"x":"1","x":"2"}}}',
      pod,
      { strict: true },
    )
    expect(result).toEqual({
      ok: true,
      value: { metadata: { name: 'b', labels: { x: '2' } } },
      strictErrors: ['duplicate field "metadata.name"', 'duplicate field "metadata.labels.x"'],
    })
  })

  it("finds duplicates in a map with many keys, and keeps each nested map's keys apart", () => {
    const many = Array.from({ length: 40 }, (_, i) => `"k${i}":"${i}"`).join(',')
    const result = goUnmarshal(
      `{"metadata":{"labels":{${many},"k3":"x","k39":"y"},"annotations":{"k3":"a","k0":"b"}}}`,
      pod,
      { strict: true },
    )
    expect(result.ok && result.strictErrors).toEqual([
      'duplicate field "metadata.labels.k3"',
      'duplicate field "metadata.labels.k39"',
    ])
  })

  it('keeps at most 100 strict errors and reports each once', () => {
    const fields = Array.from({ length: 150 }, (_, i) => `"f${i}":1`).join(',')
    const result = goUnmarshal(`{${fields},"f0":2}`, pod, { strict: true })
    expect(result.ok && result.strictErrors.length).toBe(100)
  })

  it('drops unknown fields and nulls, so nothing of the wrong type comes out', () => {
    const result = goUnmarshal(
      '{"metadata":{"name":"web","labels":null,"extra":5},"spec":{"containers":[{"name":"c","image":"i","resources":{"requests":{"cpu":0.5}}}]}}',
      pod,
    )
    expect(result).toEqual({
      ok: true,
      value: {
        metadata: { name: 'web' },
        spec: {
          containers: [{ name: 'c', image: 'i', resources: { requests: { cpu: '0.5' } } }],
        },
      },
      strictErrors: [],
    })
  })

  it.each([
    // An Unmarshaler's error ends the decode with its own text (no field path).
    [
      '{"spec":{"containers":[{"resources":{"limits":{"cpu":"1x"}}}]}}',
      "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
    ],
    [
      '{"spec":{"containers":[{"resources":{"limits":{"cpu":"1mm"}}}]}}',
      "unable to parse quantity's suffix",
    ],
    // IntOrString json.Unmarshals a non-string into an int32; the error gets the field context.
    [
      '{"spec":{"containers":[{"livenessProbe":{"httpGet":{"port":[8080]}}}]}}',
      'json: cannot unmarshal array into Go struct field HTTPGetAction.spec.containers.livenessProbe.httpGet.port of type int32',
    ],
    // metav1.Time: json.Unmarshal into a string, then time.Parse(time.RFC3339, ...).
    [
      '{"metadata":{"creationTimestamp":5}}',
      'json: cannot unmarshal number into Go struct field ObjectMeta.metadata.creationTimestamp of type string',
    ],
    [
      '{"metadata":{"creationTimestamp":"yesterday"}}',
      'parsing time "yesterday" as "2006-01-02T15:04:05Z07:00": cannot parse "yesterday" as "2006"',
    ],
    [
      '{"metadata":{"creationTimestamp":"2024-13-01T00:00:00Z"}}',
      'parsing time "2024-13-01T00:00:00Z": month out of range',
    ],
    [
      '{"metadata":{"creationTimestamp":"2024-02-30T00:00:00Z"}}',
      'parsing time "2024-02-30T00:00:00Z": day out of range',
    ],
    [
      '{"metadata":{"creationTimestamp":"2024-01-01 00:00:00Z"}}',
      'parsing time "2024-01-01 00:00:00Z" as "2006-01-02T15:04:05Z07:00": cannot parse " 00:00:00Z" as "T"',
    ],
  ])('%s', (body, expected) => {
    expect(error(body)).toBe(expected)
  })

  it('normalises times and accepts fractional seconds, as metav1.Time round-trips them', () => {
    const result = goUnmarshal(
      '{"metadata":{"creationTimestamp":"2024-01-01T02:00:00.5+02:00"}}',
      pod,
    )
    expect(result.ok && result.value).toEqual({
      metadata: { creationTimestamp: '2024-01-01T00:00:00Z' },
    })
  })

  it('checks []byte as base64, as Secret data is', () => {
    const secret = goType('Secret')
    expect(goUnmarshal('{"data":{"k":"aGVsbG8="}}', secret).ok).toBe(true)
    expect(goUnmarshal('{"data":{"k":"hello!"}}', secret)).toMatchObject({
      ok: false,
      error: 'illegal base64 data at input byte 5',
    })
  })

  it('decodes a patch into map[string]interface{}, reporting duplicates', () => {
    expect(goUnmarshal('{"a":{"b":1,"b":2},"c":null}', ANY, { strict: true })).toEqual({
      ok: true,
      value: { a: { b: 2 }, c: null },
      strictErrors: ['duplicate field "a.b"'],
    })
  })
})

describe("Go's JSON syntax errors", () => {
  it.each([
    ['', 'unexpected end of JSON input'],
    ['{"a":', 'unexpected end of JSON input'],
    ['{"a" 1}', "invalid character '1' after object key"],
    ['{"a":1 "b":2}', `invalid character '"' after object key:value pair`],
    ['[1 2]', "invalid character '2' after array element"],
    ['{1:2}', "invalid character '1' looking for beginning of object key string"],
    ["{'a':1}", "invalid character '\\'' looking for beginning of object key string"],
    ['tru', "invalid character ' ' in literal true (expecting 'e')"],
    ['nul!', "invalid character '!' in literal null (expecting 'l')"],
    ['-', "invalid character ' ' in numeric literal"],
    ['1.', "invalid character ' ' after decimal point in numeric literal"],
    ['1e+', "invalid character ' ' in exponent of numeric literal"],
    ['01', "invalid character '1' after top-level value"],
    ['{} x', "invalid character 'x' after top-level value"],
    ['"a\tb"', "invalid character '\\t' in string literal"],
    ['"\\x"', "invalid character 'x' in string escape code"],
    ['"\\u12g4"', "invalid character 'g' in \\u hexadecimal character escape"],
    ['é', "invalid character 'Ã' looking for beginning of value"],
    ['['.repeat(10_001), "invalid character '[' exceeded max depth"],
  ])('%j', (text, expected) => {
    expect(jsonSyntaxError(text)).toBe(expected)
  })

  it('accepts valid JSON', () => {
    expect(jsonSyntaxError(' {"a":[1,-2.5e3,true,false,null,"\\u00e9"]} ')).toBeUndefined()
  })
})
