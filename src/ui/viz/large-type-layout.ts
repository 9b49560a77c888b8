import type { ComponentRecord } from '../../protocol/records'
import { layoutToFit, type ClusterLayout } from './cluster-layout'

// Matches theme.css's 125% root font size for large type.
export const LARGE_TYPE_SCALE = 1.25
// Tried from the largest down when the map does not fit at full large type.
const LARGE_TYPE_STEPS = [LARGE_TYPE_SCALE, 1.2, 1.15, 1.1, 1.05, 1]

/**
 * The map's layout and zoom for its box, with large type on or off. Large type lays the map out
 * for a smaller box and draws it bigger; where the whole map would then not fit the height
 * (a projector's 1024x768), it grows the text only as far as the map still fits, since the
 * cluster in view matters more than the last 5 % of type size. Never smaller than normal. Pure.
 */
export function layoutForType(
  components: readonly ComponentRecord[],
  width: number,
  height: number | undefined,
  largeType: boolean,
): { layout: ClusterLayout; zoom: number } {
  const steps = largeType ? LARGE_TYPE_STEPS : [1]
  let fitted: { layout: ClusterLayout; zoom: number } | undefined
  for (const scale of steps) {
    const at = layoutToFit(
      components,
      width / scale,
      height !== undefined ? height / scale : undefined,
    )
    fitted = { layout: at.layout, zoom: at.zoom * scale }
    if (height === undefined || at.layout.height * fitted.zoom <= height + 0.5) return fitted
  }
  return fitted ?? { ...layoutToFit(components, width, height) }
}
