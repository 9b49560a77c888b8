/** Playback speeds offered, from 1/20× (to follow one Raft election) to 64×. */
export const SPEEDS = [0.05, 0.1, 0.25, 0.5, 1, 2, 4, 8, 16, 32, 64] as const

export function speedLabel(speed: number): string {
  return speed < 1 ? `1/${Math.round(1 / speed)}×` : `${speed}×`
}
