import type { ComponentRecord } from '../../protocol/records'
import { spot } from './layout-text'
import {
  FONTS,
  type Box,
  type ChipArea,
  type HostBox,
  type PlacedComponent,
  type TextSpot,
} from './layout-types'
import { textWidth } from './text-width'

export const COMPONENT_HEIGHT = 44
export const PAD = 12
// A host's title row: the title's baseline sits at 18 px, content starts below this.
export const TITLE_ROW = 26

const LABELS: Record<string, string> = {
  kubectl: 'kubectl',
  'kube-apiserver': 'kube-apiserver',
  etcd: 'etcd',
  'kube-scheduler': 'kube-scheduler',
  'kube-controller-manager': 'kube-controller-manager',
  kubelet: 'kubelet',
  'kube-proxy': 'kube-proxy',
  'container-runtime': 'containerd',
}

// Shorter names for boxes too narrow for the full one.
const SHORT_LABELS: Record<string, string> = {
  'kube-controller-manager': 'controller-manager',
  'kube-apiserver': 'apiserver',
  'kube-scheduler': 'scheduler',
}

/** The layout being built: the width, what is placed so far, and how to place a component. */
export interface Draft {
  width: number
  placed: Record<string, PlacedComponent>
  hosts: HostBox[]
  place: (c: ComponentRecord, x: number, y: number, w: number) => PlacedComponent
  /** The control-plane machines' Pods (kubeadm's static Pods), inside the control plane. */
  systemPods?: ChipArea
  /** The line for the controller manager's latest reconcile. */
  ticker?: TextSpot
}

/** The component's name, shortened when the full one would not fit a box `width` wide. */
export function componentLabel(kind: string, width: number): string {
  const full = LABELS[kind] ?? kind
  const short = SHORT_LABELS[kind]
  return short && textWidth(full, FONTS.component) > width - 12 ? short : full
}

export function newDraft(width: number): Draft {
  const draft: Draft = {
    width,
    placed: {},
    hosts: [],
    place: (c, x, y, w) => {
      const centre = x + w / 2
      return {
        id: c.id,
        kind: c.kind,
        label: componentLabel(c.kind, w),
        x,
        y,
        width: w,
        height: COMPONENT_HEIGHT,
        labelSpot: spot(centre, y + 27, 'middle', FONTS.component, w - 6),
        labelWithSub: spot(centre, y + 18, 'middle', FONTS.component, w - 6),
        sub: spot(centre, y + 36, 'middle', FONTS.sub, w - 8),
      }
    },
  }
  return draft
}

/** Adds a host box, its title at the top left (and no badge: callers add one where wanted). */
export function addHost(
  draft: Draft,
  id: string,
  label: string,
  kind: HostBox['kind'],
  box: Box,
): HostBox {
  const placed: HostBox = {
    id,
    label,
    kind,
    ...box,
    title: spot(box.x + 10, box.y + 18, 'start', FONTS.title, box.width - 20),
  }
  draft.hosts.push(placed)
  return placed
}
