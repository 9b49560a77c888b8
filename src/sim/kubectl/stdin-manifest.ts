import { fail, print } from './commands'
import { CREATE_SUBCOMMANDS } from './create-commands'
import { parseManifest, refuseOtherNamespaces } from './manifest'
import type { KubectlCommand } from './state'

/**
 * Nothing to do: apply and create say so (apply.go, create.go), delete finds nothing, and
 * replace exits quietly, as kubectl v1.32 does with an empty List.
 */
function noObjects(cmd: KubectlCommand): void {
  if (cmd.verb === 'apply' || cmd.verb === 'create')
    fail(cmd, `error: no objects passed to ${cmd.verb}`)
  else if (cmd.verb === 'delete') print(cmd, 'No resources found')
}

/**
 * Reads -f for apply, create, replace and delete -f: `-f -` is stdin, and `-f web.yaml` with a
 * manifest given (the editor's buffer) reads it as that file, named in every message. False
 * (with the error) when nothing is left to send.
 */
export function prepareManifest(cmd: KubectlCommand, stdin: string | undefined): boolean {
  const { verb, flags } = cmd
  const subcommand = cmd.positional[0] ?? ''
  const generator =
    verb === 'create' && (CREATE_SUBCOMMANDS.has(subcommand) || subcommand === 'deployment')
  const needsManifest =
    verb === 'apply' ||
    verb === 'replace' ||
    (verb === 'create' && !generator) ||
    (verb === 'delete' && flags['filename'] !== undefined)
  if (needsManifest) {
    const file = flags['filename']
    if (file === undefined) {
      fail(cmd, 'error: must specify one of -f and -k')
      return false
    }
    if (file !== '-' && stdin === undefined) {
      fail(cmd, `error: the path "${file}" does not exist`)
      return false
    }
    const parsed = parseManifest(stdin ?? '', cmd.source, flags['validate'] !== 'false')
    if (flags['namespace'] !== undefined) {
      const refused = refuseOtherNamespaces(parsed.objects, cmd.namespace)
      parsed.objects = refused.objects
      parsed.errors.push(...refused.errors)
    }
    cmd.errors.push(...parsed.errors.map((text) => ({ text })))
    if (parsed.objects.length === 0 && parsed.errors.length === 0) noObjects(cmd)
    if (parsed.objects.length === 0) return false
    cmd.docs = parsed.objects
    if (verb === 'delete')
      cmd.positional = parsed.objects.map(
        (o) => `${String(o.kind).toLowerCase()}/${o.metadata?.name ?? ''}`,
      )
  }
  const positional = cmd.positional
  if (
    verb === 'delete' &&
    flags['filename'] === undefined &&
    positional.length > 1 &&
    !(positional[0] ?? '').includes('/')
  ) {
    // `delete pod a b` is `delete pod/a pod/b`.
    cmd.positional = positional.slice(1).map((name) => `${positional[0] ?? ''}/${name}`)
  }
  return true
}
