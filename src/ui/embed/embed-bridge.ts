import {
  acceptCommand,
  EMBED_COMMANDS,
  embedEvent,
  type EmbedCommand,
  type EmbedEvent,
} from '../../protocol/embed-api'

/** The window API the bridge uses (a test passes a fake). */
export interface BridgeWindow {
  parent: { postMessage(message: unknown, targetOrigin: string): void } | null
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void
  removeEventListener(type: 'message', listener: (event: MessageEvent) => void): void
}

// Carry nothing but the protocol version, the command list and a height: any parent may know.
const PUBLIC_EVENTS = new Set<EmbedEvent['type']>(['ready', 'resized'])

/**
 * The iframe's end of the postMessage API: obeys valid commands from trusted origins (others are
 * ignored silently), answers `hello` with `ready`, and posts events to the host page.
 */
export class EmbedBridge {
  private readonly win: BridgeWindow
  private readonly trusted: readonly string[]
  private readonly onCommand: (command: EmbedCommand) => void
  private readyInfo: { lesson?: string; step?: number } = {}
  private readonly listener = (event: MessageEvent): void => {
    const command = acceptCommand(
      { origin: event.origin, data: event.data as unknown },
      this.trusted,
    )
    if (!command) return
    if (command.type === 'hello') this.ready(this.readyInfo)
    else this.onCommand(command)
  }

  constructor(
    win: BridgeWindow,
    trusted: readonly string[],
    onCommand: (command: EmbedCommand) => void,
  ) {
    this.win = win
    this.trusted = trusted
    this.onCommand = onCommand
    win.addEventListener('message', this.listener)
  }

  ready(info: { lesson?: string; step?: number }): void {
    this.readyInfo = info
    this.post(embedEvent('ready', { commands: EMBED_COMMANDS, ...info }))
  }

  post(event: EmbedEvent): void {
    const parent = this.win.parent
    if (!parent || parent === (this.win as unknown)) return
    if (PUBLIC_EVENTS.has(event.type)) parent.postMessage(event, '*')
    else for (const origin of this.trusted) parent.postMessage(event, origin)
  }

  dispose(): void {
    this.win.removeEventListener('message', this.listener)
  }
}
