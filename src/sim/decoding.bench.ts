import fc from 'fast-check'
import { bench, describe } from 'vitest'
import { goUnmarshal } from './apiserver/decoding/go-unmarshal'
import { goType } from './apiserver/decoding/go-types'
import { createSimulation } from './simulation'
import { checkMalformedCase, storedObjectProblems } from './testing/malformed-check'
import { malformedCase, VALID_MANIFESTS } from './testing/malformed-manifests'

// The sim's lib has no host globals; a benchmark measures with the host's clock on purpose.
declare const console: { log: (...args: unknown[]) => void }
declare const performance: { now: () => number }

/** The long run of the malformed-manifest property (npm test runs 1,000): problems found, speed. */
function malformedRun(cases: number): void {
  const sim = createSimulation({ seed: 12, nodes: 2 })
  sim.advance(5_000)
  const problems: string[] = []
  const start = performance.now()
  fc.sample(malformedCase, { numRuns: cases, seed: 9 }).forEach((testCase, i) => {
    problems.push(...checkMalformedCase(sim, testCase))
    if (i % 50 === 49) {
      problems.push(...storedObjectProblems(sim))
      sim.seekTo(5_000)
    }
  })
  const seconds = (performance.now() - start) / 1000
  console.log(
    `[decoding] ${cases.toLocaleString('en')} malformed manifests (kubectl apply + sim.request each) in ${seconds.toFixed(1)} s ` +
      `= ${Math.round(cases / seconds)} cases/s; problems: ${problems.length}${problems.length > 0 ? `: ${problems.slice(0, 3).join(' | ')}` : ''}`,
  )
}

/** How long one request body takes to decode, for a typical Pod. */
function decodeSpeed(): void {
  const text = JSON.stringify(VALID_MANIFESTS[0])
  const pod = goType('Pod')
  const rounds = 20_000
  const start = performance.now()
  for (let i = 0; i < rounds; i++) goUnmarshal(text, pod, { strict: true })
  const micros = ((performance.now() - start) * 1000) / rounds
  const parse = performance.now()
  for (let i = 0; i < rounds; i++) JSON.parse(text)
  const parseMicros = ((performance.now() - parse) * 1000) / rounds
  console.log(
    `[decoding] a ${text.length}-byte Pod: ${micros.toFixed(1)} µs per strict decode (JSON.parse alone: ${parseMicros.toFixed(1)} µs)`,
  )
}

decodeSpeed()
malformedRun(10_000)

describe('decoding', () => {
  const text = JSON.stringify(VALID_MANIFESTS[0])
  const pod = goType('Pod')
  bench('decode a Pod strictly', () => {
    goUnmarshal(text, pod, { strict: true })
  })
})
