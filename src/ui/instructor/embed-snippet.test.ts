import { describe, expect, it } from 'vitest'
import { embedSnippets, viewForPanel } from './embed-snippet'

const base = 'https://kube-viz.example.org/course/'

describe('embed snippets', () => {
  it('gives an iframe with the parameters and a height for a typical column', () => {
    const { iframe } = embedSnippets({
      base,
      view: 'raft',
      controls: 'minimal',
      theme: 'dark',
      autoplay: false,
      scenarioQuery: 'seed=7&t=12000&actions=1.abc',
    })
    expect(iframe).toBe(
      '<iframe src="https://kube-viz.example.org/course/?seed=7&amp;t=12000&amp;actions=1.abc&amp;embed=1&amp;view=raft&amp;controls=minimal&amp;theme=dark"\n' +
        '  title="Kubernetes control plane visualizer" loading="lazy"\n' +
        '  style="width:100%;height:528px;border:0"></iframe>',
    )
  })

  it('gives the script tag and the element with the same settings', () => {
    const { element } = embedSnippets({
      base,
      view: 'map',
      controls: 'full',
      theme: 'light',
      autoplay: true,
      scenarioQuery: '',
      lesson: { id: 'split-brain', step: 2 },
    })
    expect(element).toBe(
      '<script src="https://kube-viz.example.org/course/embed.js"></script>\n' +
        '<kube-viz view="map" controls="full" theme="light" autoplay lesson="split-brain" step="2"></kube-viz>',
    )
  })

  it('picks the view that shows the panel in front', () => {
    expect(['etcd', 'scheduler', 'pods'].map(viewForPanel)).toEqual(['raft', 'scheduler', 'map'])
  })
})
