import { describe, expect, it } from 'vitest'
import { Code, newStatus } from './framework/status'
import { fitErrorMessage, reasonHistogram, truncateEventMessage, type Diagnosis } from './fit-error'

const diag = (
  statuses: Diagnosis['nodeToStatus']['statuses'],
  extra: Partial<Diagnosis> = {},
): Diagnosis => ({
  nodeToStatus: { statuses, absentNodesStatus: newStatus(Code.UnschedulableAndUnresolvable) },
  unschedulablePlugins: [],
  pendingPlugins: [],
  preFilterMsg: '',
  postFilterMsg: '',
  ...extra,
})

describe('FitError.Error() (framework/types_test.go)', () => {
  it('counts each reason once per node and sorts as Go sort.Strings', () => {
    const d = diag({
      n1: newStatus(Code.Unschedulable, 'Insufficient cpu', 'Insufficient memory'),
      n2: newStatus(Code.Unschedulable, 'Insufficient cpu'),
      n3: newStatus(
        Code.UnschedulableAndUnresolvable,
        'node(s) had untolerated taint {dedicated: gpu}',
      ),
    })
    expect(fitErrorMessage(3, d)).toBe(
      '0/3 nodes are available: 1 Insufficient memory, 1 node(s) had untolerated taint {dedicated: gpu}, 2 Insufficient cpu.',
    )
  })

  it('sorts "10 ..." before "2 ..." (byte order, not numeric)', () => {
    const statuses: Diagnosis['nodeToStatus']['statuses'] = {}
    for (let i = 0; i < 10; i++)
      statuses[`a${i}`] = newStatus(Code.Unschedulable, 'Insufficient cpu')
    statuses['b0'] = newStatus(Code.Unschedulable, 'Too many pods')
    statuses['b1'] = newStatus(Code.Unschedulable, 'Too many pods')
    expect(reasonHistogram(12, diag(statuses).nodeToStatus)).toEqual([
      '10 Insufficient cpu',
      '2 Too many pods',
    ])
  })

  it('uses the PreFilter message instead of per-node reasons', () => {
    const d = diag({}, { preFilterMsg: 'pod affinity terms conflict' })
    d.nodeToStatus.absentNodesStatus = newStatus(
      Code.UnschedulableAndUnresolvable,
      'pod affinity terms conflict',
    )
    expect(fitErrorMessage(2, d)).toBe('0/2 nodes are available: pod affinity terms conflict.')
  })

  it('counts absent nodes with the absent-nodes status and appends the PostFilter message', () => {
    const d = diag(
      { n1: newStatus(Code.Unschedulable, 'Insufficient cpu') },
      {
        postFilterMsg:
          'preemption: 0/3 nodes are available: 1 No preemption victims found for incoming pod, 2 Preemption is not helpful for scheduling.',
      },
    )
    d.nodeToStatus.absentNodesStatus = newStatus(
      Code.UnschedulableAndUnresolvable,
      "node(s) didn't satisfy plugin(s) [NodeAffinity]",
    )
    expect(fitErrorMessage(3, d)).toBe(
      "0/3 nodes are available: 1 Insufficient cpu, 2 node(s) didn't satisfy plugin(s) [NodeAffinity]. preemption: 0/3 nodes are available: 1 No preemption victims found for incoming pod, 2 Preemption is not helpful for scheduling.",
    )
  })
})

describe('truncateMessage (schedule_one.go)', () => {
  it('keeps 1024 bytes, the last four being " ..."', () => {
    const long = 'x'.repeat(2000)
    const cut = truncateEventMessage(long)
    expect(cut).toHaveLength(1024)
    expect(cut.endsWith('x ...')).toBe(true)
    expect(truncateEventMessage('short')).toBe('short')
  })
})
