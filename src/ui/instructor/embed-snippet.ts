import {
  embedHeight,
  type EmbedControls,
  type EmbedTheme,
  type EmbedView,
} from '../../protocol/embed-constants'

export interface SnippetOptions {
  /** Where the visualizer is served from (the folder of its index.html), ending in "/". */
  base: string
  view: EmbedView
  controls: EmbedControls
  theme: EmbedTheme
  autoplay: boolean
  /** The scenario's query (seed, actions, time…), to open this exact run; empty for a fresh one. */
  scenarioQuery: string
  lesson?: { id: string; step: number } | undefined
}

// The height a typical course column (800 px) gives; the element version sizes itself.
const TYPICAL_WIDTH = 800

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/"/g, '&quot;')

/** The two ready-to-paste snippets: a plain iframe, and the script tag with <kube-viz>. */
export function embedSnippets(o: SnippetOptions): { iframe: string; element: string } {
  const params = new URLSearchParams(o.scenarioQuery)
  params.set('embed', '1')
  params.set('view', o.view)
  params.set('controls', o.controls)
  params.set('theme', o.theme)
  if (o.autoplay) params.set('autoplay', '1')
  if (o.lesson) {
    params.set('lesson', o.lesson.id)
    params.set('step', String(o.lesson.step))
  }
  const height = embedHeight(TYPICAL_WIDTH, {
    controls: o.controls,
    lesson: o.lesson !== undefined,
  })
  const iframe =
    `<iframe src="${escape(o.base + '?' + params.toString())}"\n` +
    `  title="Kubernetes control plane visualizer" loading="lazy"\n` +
    `  style="width:100%;height:${height}px;border:0"></iframe>`
  const attributes = [
    `view="${o.view}"`,
    `controls="${o.controls}"`,
    `theme="${o.theme}"`,
    ...(o.autoplay ? ['autoplay'] : []),
    ...(o.lesson ? [`lesson="${o.lesson.id}"`, `step="${o.lesson.step}"`] : []),
    ...(o.scenarioQuery !== '' ? [`scenario="${escape(o.scenarioQuery)}"`] : []),
  ]
  const element =
    `<script src="${escape(o.base)}embed.js"></script>\n` +
    `<kube-viz ${attributes.join(' ')}></kube-viz>`
  return { iframe, element }
}

/** The embed view that shows the dock's panel best. */
export function viewForPanel(panel: string): EmbedView {
  return panel === 'etcd' ? 'raft' : panel === 'scheduler' ? 'scheduler' : 'map'
}
