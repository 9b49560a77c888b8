/**
 * structuredClone is in every runtime the sim runs in (Node ≥ 17, browsers, workers) but not in
 * the ES2023 lib the sim is restricted to. It is deterministic, so checkpoints may use it.
 */
declare function structuredClone<T>(value: T): T
