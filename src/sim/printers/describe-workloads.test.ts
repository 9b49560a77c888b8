import { describe, expect, it } from 'vitest'
import { makeWorkloadCases, type WorkloadFixture } from './testdata/workload-cases'

/** stdout of the real kubectl v1.32 against capture-workloads.mts (TZ=UTC), and its objects. */
const FILES = import.meta.glob<string>('./testdata/workload-*.{txt,json}', {
  query: '?raw',
  import: 'default',
  eager: true,
})
const fixture = JSON.parse(FILES['./testdata/workload-fixture.json'] ?? '{}') as WorkloadFixture

describe('workload describers and rollout history, against kubectl v1.32', () => {
  it.each(makeWorkloadCases(fixture).map((c) => [c.args.join(' '), c] as const))(
    'kubectl %s',
    (_, testCase) => {
      const golden = FILES[`./testdata/${testCase.id}.txt`]
      expect(golden).toBeDefined()
      expect(testCase.render(fixture)).toBe(golden)
    },
  )
})
