/** Removes `key` from a plain-data record (sim state stays plain objects, not Maps). */
export function deleteKey(record: Record<string, unknown>, key: string): void {
  Reflect.deleteProperty(record, key)
}
