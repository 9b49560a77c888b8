import { useEffect, useLayoutEffect, useRef, useState } from 'react'
import { formatSimTime } from '../viz/age'
import { groupMarkers, type MarkerGroup, type TimelineMarker } from '../viz/timeline-view'

interface TimelineMarkersProps {
  markers: readonly TimelineMarker[]
  onSeek: (timeMs: number) => void
}

// The markers sit on the slider's track, inset by the thumb's radius (8 px each side).
const THUMB_INSET_PX = 16
const left = (at: number) => `calc(8px + (100% - 16px) * ${String(at)})`
/** A list opens towards the middle of the track, so it never runs off the window's edge. */
const listPlace = (at: number) =>
  at <= 0.5 ? { left: left(at) } : { right: `calc(8px + (100% - 16px) * ${String(1 - at)})` }

/**
 * A target above the slider for every action in view: blue for kubectl, red for a fault, green
 * for a heal. Markers closer than a target's width are one target with their count, which opens
 * the list of them, so every target stays 24x24 px and none covers another.
 */
export function TimelineMarkers({ markers, onSeek }: TimelineMarkersProps) {
  const row = useRef<HTMLDivElement>(null)
  const [widthPx, setWidthPx] = useState(0)
  const [open, setOpen] = useState<number | undefined>(undefined)
  useLayoutEffect(() => {
    const element = row.current
    if (!element) return
    const measure = () => {
      setWidthPx(Math.max(0, element.clientWidth - THUMB_INSET_PX))
    }
    measure()
    const observer = new ResizeObserver(measure)
    observer.observe(element)
    return () => {
      observer.disconnect()
    }
  }, [])
  const groups = groupMarkers(markers, widthPx)
  const openGroup = open === undefined ? undefined : groups[open]
  return (
    <div className="timeline-markers" ref={row}>
      {groups.map((group, i) =>
        group.markers.length === 1 && group.markers[0] ? (
          <SingleMarker
            key={`m-${String(group.markers[0].atMs)}`}
            marker={group.markers[0]}
            onSeek={onSeek}
            at={group.at}
          />
        ) : (
          <button
            key={`g-${String(group.markers[0]?.atMs)}`}
            type="button"
            className={`timeline-marker timeline-cluster ${clusterKind(group)}`}
            style={{ left: left(group.at) }}
            aria-expanded={open === i}
            aria-label={`${String(group.markers.length)} actions from ${formatSimTime(group.markers[0]?.atMs ?? 0)}: list them`}
            title={group.markers.map((m) => `${formatSimTime(m.atMs)} ${m.label}`).join('\n')}
            data-testid="timeline-cluster"
            onClick={() => {
              setOpen(open === i ? undefined : i)
            }}
          >
            {group.markers.length}
          </button>
        ),
      )}
      {openGroup && openGroup.markers.length > 1 && (
        <MarkerList
          group={openGroup}
          onClose={() => {
            setOpen(undefined)
          }}
          onSeek={(t) => {
            setOpen(undefined)
            onSeek(t)
          }}
        />
      )}
    </div>
  )
}

/** A group's colour: red if it holds a fault, else green if a heal, else blue. */
function clusterKind(group: MarkerGroup): string {
  const kinds = new Set(group.markers.map((m) => m.kind))
  return kinds.has('fault') ? 'fault' : kinds.has('heal') ? 'heal' : 'kubectl'
}

function SingleMarker(props: { marker: TimelineMarker; at: number; onSeek: (t: number) => void }) {
  const { marker, at, onSeek } = props
  return (
    <button
      type="button"
      className={`timeline-marker ${marker.kind}`}
      style={{ left: left(at) }}
      data-label={`${formatSimTime(marker.atMs)} ${marker.label}`}
      aria-label={`Go to ${marker.label} at ${formatSimTime(marker.atMs)}`}
      data-testid="timeline-marker"
      data-at={marker.atMs}
      onClick={() => {
        onSeek(marker.atMs)
      }}
    />
  )
}

interface MarkerListProps {
  group: MarkerGroup
  onSeek: (timeMs: number) => void
  onClose: () => void
}

/** The actions of a group, each a labelled button that goes there; Escape closes it. */
function MarkerList({ group, onSeek, onClose }: MarkerListProps) {
  const list = useRef<HTMLUListElement>(null)
  useEffect(() => {
    list.current?.querySelector('button')?.focus()
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onClose()
    }
    const onPointer = (e: PointerEvent) => {
      const target = e.target as Element | null
      if (!target?.closest('.timeline-marker-list, .timeline-cluster')) onClose()
    }
    document.addEventListener('keydown', onKey)
    document.addEventListener('pointerdown', onPointer)
    return () => {
      document.removeEventListener('keydown', onKey)
      document.removeEventListener('pointerdown', onPointer)
    }
  }, [onClose])
  return (
    <ul
      ref={list}
      className="timeline-marker-list"
      style={listPlace(group.at)}
      aria-label="Actions close together"
      data-testid="timeline-marker-list"
    >
      {group.markers.map((m, i) => (
        <li key={`${String(m.atMs)}-${String(i)}`}>
          <button
            type="button"
            className={`marker-item ${m.kind}`}
            data-testid="timeline-marker-item"
            data-at={m.atMs}
            aria-label={`Go to ${m.label} at ${formatSimTime(m.atMs)}`}
            onClick={() => {
              onSeek(m.atMs)
            }}
          >
            <span className="marker-time">{formatSimTime(m.atMs)}</span> {m.label}
          </button>
        </li>
      ))}
    </ul>
  )
}
