import type { AttachTarget } from '../../client/websocket-endpoint'

/** What `?attach=` asks for: nothing, a served simulation to attach to, or a bad address. */
export type AttachLink =
  { kind: 'none' } | { kind: 'attach'; target: AttachTarget } | { kind: 'bad'; warning: string }

const SHOWN_CHARS = 80

/**
 * `?attach=ws://127.0.0.1:6444/attach?token=…` (what `npm run serve` prints, URL-encoded or not)
 * attaches the page to a served simulation over a WebSocket. A token given on its own
 * (`?attach=ws://…/attach&token=…`, as a hand-typed link splits it) is put back in the address.
 * A bad address is ignored with a warning, as every other bad parameter is: the page runs its
 * own simulation instead.
 */
export function parseAttachLink(search: string): AttachLink {
  const params = new URLSearchParams(search)
  const raw = params.get('attach')
  if (raw === null) return { kind: 'none' }
  const shown = raw.length > SHOWN_CHARS ? `${raw.slice(0, SHOWN_CHARS)}…` : raw
  const ignored = (why: string): AttachLink => ({
    kind: 'bad',
    warning: `Ignored attach=${shown}: ${why}; the page runs its own simulation instead.`,
  })
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return ignored(
      'expected the ws:// address npm run serve prints (ws://127.0.0.1:PORT/attach?token=…)',
    )
  }
  if (url.protocol !== 'ws:' && url.protocol !== 'wss:')
    return ignored(`expected a ws:// or wss:// address, not ${url.protocol}//`)
  const token = params.get('token')
  if (!url.searchParams.has('token') && token !== null) url.searchParams.set('token', token)
  if (!url.searchParams.get('token'))
    return ignored(
      'the address has no token=… (npm run serve prints the whole link, token included)',
    )
  return { kind: 'attach', target: { url: url.toString(), label: url.host } }
}

/** The page's address without the attach link: the local simulation, with the same settings. */
export function localSearch(search: string): string {
  const params = new URLSearchParams(search)
  params.delete('attach')
  params.delete('token')
  if (params.size === 0) params.set('play', '')
  return `?${params.toString().replace(/=$/, '').replace(/=&/g, '&')}`
}
