import type { Event } from 'kubernetes-types/core/v1'
import { describe, expect, it } from 'vitest'
import { simTimeToRfc3339 } from '../core/time'
import { eventTiming, eventToRow, formatEventSource } from './event-table'

const NOW = 600_000
const at = (ms: number): string => simTimeToRfc3339(ms)
const makeEvent = (extra: Partial<Event>): Event => ({
  metadata: { name: 'e' },
  involvedObject: { kind: 'Pod', name: 'p' },
  ...extra,
})

// printEvent, pkg/printers/internalversion/printers.go (v1.32)
describe('eventTiming', () => {
  it.each<[string, Partial<Event>, { lastSeen: string; firstSeen: string; count: number }]>([
    [
      'core/v1 event with count',
      { firstTimestamp: at(0), lastTimestamp: at(540_000), count: 4 },
      { firstSeen: '10m', lastSeen: '60s', count: 4 },
    ],
    [
      'no lastTimestamp: last = first',
      { firstTimestamp: at(0) },
      { firstSeen: '10m', lastSeen: '10m', count: 1 },
    ],
    [
      'new API singleton: eventTime, count 1',
      { eventTime: at(599_000) },
      { firstSeen: '1s', lastSeen: '1s', count: 1 },
    ],
    [
      'series overrides last seen and count',
      { eventTime: at(0), series: { count: 7, lastObservedTime: at(590_000) } },
      { firstSeen: '10m', lastSeen: '10s', count: 7 },
    ],
    ['nothing set', {}, { firstSeen: '<unknown>', lastSeen: '<unknown>', count: 1 }],
  ])('%s', (_name, extra, expected) => {
    expect(eventTiming(makeEvent(extra), NOW)).toEqual(expected)
  })
})

describe('eventToRow', () => {
  it('lower-cases the kind, trims the message and formats the source', () => {
    const event = makeEvent({
      involvedObject: { kind: 'ReplicaSet', name: 'rs' },
      message: '  hi \n',
      source: { component: 'kubelet' },
      reportingInstance: 'node-1',
    })
    expect(eventToRow(event, NOW).cells.slice(3, 7)).toEqual([
      'replicaset/rs',
      '',
      'kubelet, node-1',
      'hi',
    ])
    expect(formatEventSource(makeEvent({ reportingComponent: 'default-scheduler' }))).toBe(
      'default-scheduler',
    )
  })
})
