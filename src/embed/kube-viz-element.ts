import type { EmbedCommand, EmbedEvent } from '../protocol/embed-api'
import {
  EMBED_API_VERSION,
  EMBED_CONTROLS,
  EMBED_PROTOCOL,
  embedHeight,
  type EmbedControls,
} from '../protocol/embed-constants'

/**
 * `<kube-viz lesson="split-brain" step="2" view="raft" controls="minimal" theme="dark">`
 * (also `autoplay`, `seed`, `nodes`, `scenario` = a shared link's query, `src`, `origin`, `label`):
 * the script-tag way to embed the visualizer (built to /embed.js, a classic script of a few KB).
 * It creates the iframe with the right parameters, trusts its own page's origin for the
 * postMessage API, reserves the embed's height before it loads (no layout shift), follows the
 * `resized` event, re-dispatches the embed's events as DOM events (`kube-viz-ready`,
 * `kube-viz-stepchanged`…), relays `lesson`/`step` changes as commands, and has play(), pause(),
 * seek(ms), goToStep(step, lesson?) and send(command) methods.
 */

// Where this script was loaded from: the iframe's page sits beside it (any sub-path works).
const SCRIPT_BASE =
  document.currentScript instanceof HTMLScriptElement
    ? new URL('./', document.currentScript.src).href
    : new URL('./', location.href).href

const PASSED = ['lesson', 'step', 'view', 'controls', 'theme', 'autoplay', 'seed', 'nodes']
const RELAYED = new Set(['lesson', 'step'])

/** A command without its envelope (each member of the union on its own). */
type CommandBody = EmbedCommand extends infer C
  ? C extends EmbedCommand
    ? Omit<C, 'protocol' | 'version'>
    : never
  : never

class KubeVizElement extends HTMLElement {
  static readonly observedAttributes = [...PASSED, 'src', 'origin', 'label', 'scenario']
  private iframe: HTMLIFrameElement | undefined
  private ready = false
  private sized = false
  private readonly resizeObserver = new ResizeObserver(() => {
    this.reserve()
  })

  connectedCallback(): void {
    if (this.iframe) return
    const root = this.shadowRoot ?? this.attachShadow({ mode: 'open' })
    const style = document.createElement('style')
    style.textContent =
      ':host{display:block;min-width:320px;contain:layout}iframe{display:block;width:100%;border:0;color-scheme:normal}'
    const iframe = document.createElement('iframe')
    iframe.title = this.getAttribute('label') ?? 'Kubernetes control plane visualizer'
    iframe.loading = 'lazy'
    iframe.src = this.frameUrl()
    root.replaceChildren(style, iframe)
    this.iframe = iframe
    this.reserve()
    this.resizeObserver.observe(this)
    window.addEventListener('message', this.onMessage)
  }

  disconnectedCallback(): void {
    window.removeEventListener('message', this.onMessage)
    this.resizeObserver.disconnect()
    this.iframe?.remove()
    this.iframe = undefined
    this.ready = false
    this.sized = false
  }

  attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    if (!this.iframe || old === value) return
    const step = Number(this.getAttribute('step') ?? '1')
    const lesson = this.getAttribute('lesson') ?? undefined
    if (RELAYED.has(name) && this.ready && Number.isInteger(step)) this.goToStep(step, lesson)
    else if (!RELAYED.has(name)) {
      this.ready = false
      this.sized = false
      this.iframe.src = this.frameUrl()
      this.reserve()
    }
  }

  play(): void {
    this.send({ type: 'play' })
  }
  pause(): void {
    this.send({ type: 'pause' })
  }
  seek(timeMs: number): void {
    this.send({ type: 'seek', timeMs })
  }
  goToStep(step: number, lesson?: string): void {
    this.send({ type: 'goToStep', step, ...(lesson !== undefined ? { lesson } : {}) })
  }

  /** Sends any command of the postMessage API (README, "Embedding") to this embed. */
  send(command: CommandBody): void {
    this.iframe?.contentWindow?.postMessage(
      { ...command, protocol: EMBED_PROTOCOL, version: EMBED_API_VERSION },
      this.frameOrigin(),
    )
  }

  private readonly onMessage = (event: MessageEvent): void => {
    const iframe = this.iframe
    if (!iframe?.contentWindow || event.source !== iframe.contentWindow) return
    if (event.origin !== this.frameOrigin()) return
    const data = event.data as Partial<EmbedEvent> | null
    if (data?.protocol !== EMBED_PROTOCOL || typeof data.type !== 'string') return
    if (data.type === 'ready') this.ready = true
    if (data.type === 'resized' && typeof data.height === 'number' && data.height > 0) {
      this.sized = true
      iframe.style.height = `${Math.ceil(data.height)}px`
    }
    this.dispatchEvent(new CustomEvent(`kube-viz-${data.type.toLowerCase()}`, { detail: data }))
  }

  /** Before the embed says how tall it is, give it the height its layout will have. */
  private reserve(): void {
    if (!this.iframe || this.sized) return
    const controlsAttr = this.getAttribute('controls') ?? 'minimal'
    const controls = (EMBED_CONTROLS as readonly string[]).includes(controlsAttr)
      ? (controlsAttr as EmbedControls)
      : 'minimal'
    const width = this.getBoundingClientRect().width || 640
    const height = embedHeight(width, { controls, lesson: this.hasAttribute('lesson') })
    this.iframe.style.height = `${height}px`
  }

  private frameUrl(): string {
    const url = new URL(this.getAttribute('src') ?? SCRIPT_BASE, location.href)
    // A shared run (the Embed button's `scenario`: seed, actions, time) opens exactly.
    url.search = new URLSearchParams(this.getAttribute('scenario') ?? '').toString()
    url.searchParams.set('embed', '1')
    for (const name of PASSED) {
      const value = this.getAttribute(name)
      if (value !== null) url.searchParams.set(name, value === '' ? '1' : value)
    }
    // The page that holds the element may command it; more origins can be added.
    const extra = this.getAttribute('origin')
    url.searchParams.set('origin', [location.origin, ...(extra ? [extra] : [])].join(','))
    return url.href
  }

  private frameOrigin(): string {
    return new URL(this.iframe?.src ?? SCRIPT_BASE, location.href).origin
  }
}

if (!customElements.get('kube-viz')) customElements.define('kube-viz', KubeVizElement)
