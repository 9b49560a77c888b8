/**
 * Sets `key` on a plain object being built as a copy. A decoded manifest may carry an own
 * "__proto__" key: assignment would set the copy's prototype instead, so that key is defined.
 */
export function setOwnKey(out: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__')
    Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true })
  else out[key] = value
}
