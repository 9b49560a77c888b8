/** Where a component runs; latency between two components depends on their placement. */
export type Placement = 'client' | 'control-plane' | 'node'

/** One of the six steps of the course's request flow (starting a Pod). */
export type FlowStep = 1 | 2 | 3 | 4 | 5 | 6

/** A reference to the API object a message is about, for narration and highlighting. */
export interface ObjectRef {
  kind: string
  namespace?: string
  name: string
}

/** What travels between components. `body` is plain data; the receiver interprets it. */
export interface Envelope<Body = unknown> {
  id: number
  from: string
  to: string
  sentAtMs: number
  deliverAtMs: number
  /** Short human label shown on the animated message, e.g. "POST /api/v1/.../pods". */
  label: string
  step?: FlowStep | undefined
  about?: ObjectRef | undefined
  body: Body
}

/** Options a sender may attach to a message. */
export interface SendOptions {
  label: string
  step?: FlowStep | undefined
  about?: ObjectRef | undefined
  /** Extra sender-side delay before the message leaves (processing time). */
  extraDelayMs?: number
  /** Fields shown when the message is inspected (a Raft message's term, index, ...). */
  detail?: Record<string, string | number | boolean> | undefined
}
