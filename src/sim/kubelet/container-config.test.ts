import fc from 'fast-check'
import type { Container } from 'kubernetes-types/core/v1'
import { describe, expect, it } from 'vitest'
import { configFor } from './container-start'
import type { KubeletState, PodWorker } from './state'

const kubelet = (cpu: string) => ({ resources: { cpu, memory: '8Gi', pods: 110 } }) as KubeletState
const workerWith = (container: Container) =>
  ({ name: 'web-0-abc', pod: { spec: { containers: [container] } } }) as unknown as PodWorker

/** The config as the kubelet built it before configs were shared: a new object per container. */
function plainConfig(container: Container, cpu: string) {
  const env = Object.fromEntries(
    (container.env ?? []).flatMap((e) => (e.value === undefined ? [] : [[e.name, e.value]])),
  )
  return {
    ...(container.command !== undefined ? { command: container.command } : {}),
    ...(container.args !== undefined ? { args: container.args } : {}),
    env,
    ports: (container.ports ?? []).map((p) => p.containerPort),
    cpus: Math.max(1, Math.floor(Number(cpu) || 1)),
  }
}

const container = fc.record(
  {
    name: fc.constant('web'),
    image: fc.constant('nginx:1.27'),
    command: fc.array(fc.constantFrom('nginx', '-g', 'daemon off;'), { maxLength: 2 }),
    args: fc.array(fc.constantFrom('--port', '80'), { maxLength: 2 }),
    env: fc.array(
      fc.record({ name: fc.constantFrom('A', 'B'), value: fc.constantFrom('1', '2') }),
      { maxLength: 2 },
    ),
    ports: fc.array(fc.record({ containerPort: fc.constantFrom(80, 8080) }), { maxLength: 2 }),
  },
  { requiredKeys: ['name', 'image'] },
)

describe('the CRI container config', () => {
  it('is the plain config, frozen, and one value for equal ones', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(container, fc.constantFrom('2', '4')), { minLength: 1, maxLength: 20 }),
        (calls) => {
          const got = calls.map(([c, cpu]) => configFor(kubelet(cpu), workerWith(c), 'web'))
          calls.forEach(([c, cpu], i) => {
            expect(got[i]).toEqual(plainConfig(c, cpu))
            expect(Object.isFrozen(got[i])).toBe(true)
            calls.forEach(([d, otherCpu], j) => {
              const equal =
                JSON.stringify(plainConfig(c, cpu)) === JSON.stringify(plainConfig(d, otherCpu))
              expect(got[i] === got[j]).toBe(equal)
            })
          })
        },
      ),
    )
  })
})
