import type { FontSpec } from './text-width'

export interface Box {
  x: number
  y: number
  width: number
  height: number
}

/** Where a line of text goes: its baseline, alignment, font, and the width it may use. */
export interface TextSpot {
  x: number
  /** Baseline. */
  y: number
  anchor: 'start' | 'middle' | 'end'
  font: FontSpec
  maxWidth: number
}

export interface PlacedComponent extends Box {
  id: string
  kind: string
  label: string
  /** The name, centred; `labelWithSub` when a second line (a role or "stopped") is shown. */
  labelSpot: TextSpot
  labelWithSub: TextSpot
  sub: TextSpot
}

export type HostKind = 'laptop' | 'control-plane' | 'node' | 'etcd' | 'pending'

export interface HostBox extends Box {
  id: string
  label: string
  kind: HostKind
  title: TextSpot
  /** Room to the right of the title for a short status (node badges, "no quorum"). */
  badge?: TextSpot
}

export type Point = [number, number]

export interface Edge {
  from: string
  to: string
  /** The polyline a message follows from `from` to `to`. */
  points: Point[]
}

/** How pod chips are laid out in an area (a node's, or the Pending tray's). */
export interface ChipArea extends Box {
  columns: number
  rows: number
  chipWidth: number
  /** The nodes whose Pods go here, when not just the area's own (the control-plane machines). */
  nodes?: string[]
}

export interface ClusterLayout {
  width: number
  height: number
  hosts: HostBox[]
  components: Record<string, PlacedComponent>
  edges: Edge[]
  /** Where pod chips go: one area per node, and 'pending' for Pods with no node yet. */
  podAreas: Record<string, ChipArea>
  /** Where the controller manager's latest reconcile is written (inside the control plane). */
  ticker?: TextSpot
}

export const FONTS = {
  title: { px: 13, bold: true },
  component: { px: 13 },
  sub: { px: 12 },
  chip: { px: 12 },
  message: { px: 12, bold: true },
} as const satisfies Record<string, FontSpec>

export const CHIP_HEIGHT = 22
export const CHIP_GAP = 6
