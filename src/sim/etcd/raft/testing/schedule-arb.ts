import fc from 'fast-check'
import type { Command, CommandKind, Schedule } from './schedule'

// Weights: mostly deliveries and ticks, so that elections and replication happen; faults are
// rarer so that a schedule is not all chaos.
const WEIGHTS: [CommandKind, number][] = [
  ['deliver', 36],
  ['flush', 6],
  ['tick', 18],
  ['tickAll', 6],
  ['propose', 8],
  ['readIndex', 3],
  ['serializableRead', 2],
  ['drop', 4],
  ['duplicate', 3],
  ['partition', 3],
  ['heal', 2],
  ['crash', 2],
  ['restart', 3],
  ['campaign', 2],
]

const commandArb: fc.Arbitrary<Command> = fc.oneof(
  ...WEIGHTS.map(([k, weight]) => ({
    weight,
    arbitrary: fc.nat(1023).map((a): Command => ({ k, a })),
  })),
)

export const scheduleArb: fc.Arbitrary<Schedule> = fc.record({
  size: fc.constantFrom(3, 5),
  seed: fc.nat(),
  preVote: fc.boolean(),
  checkQuorum: fc.boolean(),
  cmds: fc.array(commandArb, { minLength: 150, maxLength: 300 }),
})
