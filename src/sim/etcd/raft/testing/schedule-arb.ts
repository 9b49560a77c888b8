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
  ['transferLeader', 1],
  ['timeoutNow', 1],
]

function commandsOf(weights: [CommandKind, number][]): fc.Arbitrary<Command> {
  return fc.oneof(
    ...weights.map(([k, weight]) => ({
      weight,
      arbitrary: fc.nat(1023).map((a): Command => ({ k, a })),
    })),
  )
}

function schedulesOf(commands: fc.Arbitrary<Command>): fc.Arbitrary<Schedule> {
  return fc.record({
    size: fc.constantFrom(3, 4, 5),
    seed: fc.nat(),
    preVote: fc.boolean(),
    checkQuorum: fc.boolean(),
    config: fc.record({
      electionTick: fc.constantFrom(4, 6),
      heartbeatTick: fc.constantFrom(1, 2),
      maxEntriesPerMsg: fc.constantFrom(1, 3),
      maxInflightMsgs: fc.constantFrom(1, 3),
      snapshotThreshold: fc.constantFrom(0, 3, 6),
      compactionKeep: fc.constantFrom(0, 2),
    }),
    cmds: fc.array(commands, { minLength: 150, maxLength: 300 }),
  })
}

/** Random schedules over a fixed membership. */
export const scheduleArb: fc.Arbitrary<Schedule> = schedulesOf(commandsOf(WEIGHTS))

/** The same, with voters added and removed one at a time (ConfChange V1). */
export const confChangeScheduleArb: fc.Arbitrary<Schedule> = schedulesOf(
  commandsOf([...WEIGHTS, ['addVoter', 2], ['removeVoter', 2]]),
)
