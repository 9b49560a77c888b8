/**
 * Checks what a user typed into the node actions before it becomes a kubectl command, so a typo
 * gets a plain message and the text stays in the box. kubectl and the API server check again.
 * Grammar: kubectl taint/label (k8s.io/kubectl/pkg/cmd/taint/utils.go, label/label.go, v1.32).
 */

const KEY =
  /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)$/
const VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]{0,61})?[A-Za-z0-9])?$/
const EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute']

/** `key[=value]:Effect`: undefined when valid, else what is wrong. */
export function taintInputError(spec: string): string | undefined {
  const match = /^([^=:]*)(?:=([^:]*))?:(.*)$/.exec(spec.trim())
  if (!match) return 'write the taint as key=value:Effect, e.g. dedicated=gpu:NoSchedule'
  const [, key = '', value = '', effect = ''] = match
  if (!KEY.test(key))
    return `"${key}" is not a valid key (letters, digits, - _ . ; optional prefix/)`
  if (!VALUE.test(value)) return `"${value}" is not a valid value (letters, digits, - _ . ; ≤ 63)`
  if (!EFFECTS.includes(effect)) return `the effect must be one of ${EFFECTS.join(', ')}`
  return undefined
}

/** `key=value`: undefined when valid, else what is wrong. */
export function labelInputError(spec: string): string | undefined {
  const match = /^([^=]*)=(.*)$/.exec(spec.trim())
  if (!match) return 'write the label as key=value, e.g. disk=ssd'
  const [, key = '', value = ''] = match
  if (!KEY.test(key))
    return `"${key}" is not a valid key (letters, digits, - _ . ; optional prefix/)`
  if (!VALUE.test(value)) return `"${value}" is not a valid value (letters, digits, - _ . ; ≤ 63)`
  return undefined
}

/** The kubectl line that removes one taint as the node lists it (key=value:Effect → key:Effect-). */
export function untaintCommand(node: string, taint: string): string {
  const [keyValue = '', effect = ''] = taint.split(':')
  return `taint nodes ${node} ${keyValue.split('=')[0] ?? ''}:${effect}-`
}
