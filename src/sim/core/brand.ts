/**
 * Branded units: a number that states its unit in its type, so that `Term` cannot be passed
 * where `LogIndex` is expected (excalidraw `math/src/types.ts` does the same for points).
 */
declare const brand: unique symbol
export type Brand<T, B extends string> = T & { readonly [brand]: B }

/** Virtual time in integer milliseconds since the simulation started. */
export type SimTimeMs = Brand<number, 'SimTimeMs'>
/** A duration in virtual milliseconds. */
export type DurationMs = Brand<number, 'DurationMs'>
/** One Raft logical clock tick. */
export type Tick = Brand<number, 'Tick'>
export type Term = Brand<number, 'Term'>
export type LogIndex = Brand<number, 'LogIndex'>
export type MilliCpu = Brand<number, 'MilliCpu'>
export type Bytes = Brand<number, 'Bytes'>
export type NodeName = Brand<string, 'NodeName'>
export type PodUid = Brand<string, 'PodUid'>

export const simTimeMs = (n: number): SimTimeMs => n as SimTimeMs
export const durationMs = (n: number): DurationMs => n as DurationMs
export const milliCpu = (n: number): MilliCpu => n as MilliCpu
export const bytes = (n: number): Bytes => n as Bytes
