/** Whether a component id is named by a lesson's highlight list (names or `etcd-*` wildcards). */
export function isHighlighted(patterns: readonly string[], id: string): boolean {
  return patterns.some((p) =>
    p.includes('*')
      ? new RegExp(`^${p.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`).test(id)
      : p === id,
  )
}
