import { fail } from './commands'
import { parseManifest } from './manifest'
import type { KubectlCommand } from './state'

/**
 * -f -: the documents from stdin (delete -f names them as its targets); the ones that do not
 * parse are errors reported at the end; false when there is nothing to send.
 */
export function readManifest(cmd: KubectlCommand, stdin: string | undefined): boolean {
  const file = cmd.flags['filename']
  if (file === undefined) {
    fail(cmd, 'error: must specify one of -f and -k')
    return false
  }
  if (file !== '-') {
    fail(cmd, `error: the path "${file}" does not exist`)
    return false
  }
  const parsed = parseManifest(stdin ?? '')
  cmd.errors.push(...parsed.errors.map((text) => ({ text })))
  if (parsed.objects.length === 0 && parsed.errors.length === 0)
    fail(cmd, `error: no objects passed to ${cmd.verb}`)
  if (parsed.objects.length === 0) return false
  cmd.docs = parsed.objects
  if (cmd.verb === 'delete')
    cmd.positional = parsed.objects.map(
      (o) => `${String(o.kind).toLowerCase()}/${o.metadata?.name ?? ''}`,
    )
  return true
}
