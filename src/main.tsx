// Base styles first: each view's own stylesheet, imported by the view, then builds on them.
import './ui/app/app.css'
import './ui/app/app-shell.css'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './ui/app/App'
import { AppContext } from './ui/app/app-context'
import { bootApp } from './ui/app/boot'
import { installTestApi } from './ui/app/test-api'
import { parseUrlOptions } from './ui/app/url-options'

const options = parseUrlOptions(window.location.search)
const services = bootApp({
  seed: options.seed,
  nodes: options.nodes,
  etcdMembers: options.etcd,
  etcdRaft: { preVote: options.preVote, checkQuorum: options.checkQuorum },
})
if (import.meta.env.DEV) installTestApi(services)

const root = document.getElementById('root')
if (!root) throw new Error('index.html has no #root element')
createRoot(root).render(
  <StrictMode>
    <AppContext.Provider value={services}>
      <App warnings={options.warnings} />
    </AppContext.Provider>
  </StrictMode>,
)
