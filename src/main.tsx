// Base styles first: each view's own stylesheet, imported by the view, then builds on them.
import './ui/app/app.css'
import './ui/app/app-shell.css'
import './ui/app/theme.css'
import { StrictMode, type ReactNode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './ui/app/App'
import { AppContext } from './ui/app/app-context'
import { bootApp, type AppServices } from './ui/app/boot'
import { bootPresenter } from './ui/presenter/boot-presenter'
import { PresenterApp } from './ui/presenter/PresenterApp'
import { EmbedApp } from './ui/embed/EmbedApp'
import { pageMode } from './ui/app/page-mode'
import { bindPrefs, loadPrefs, setPrefs } from './ui/app/prefs'
import { installTestApi } from './ui/app/test-api'
import { DEFAULT_RUN } from './store/store'
import { parseRoute } from './ui/app/route'
import { parseAttachLink } from './ui/app/attach-link'

const mode = pageMode(window.location.search)
const media = (query: string) => window.matchMedia(query).matches
const storage = (() => {
  try {
    return window.localStorage
  } catch {
    return undefined
  }
})()

const { route, warnings: routeWarnings } = parseRoute(window.location.search)
const attachLink = parseAttachLink(window.location.search)
// An embed runs its own simulation; only the app attaches to a served one.
const attach = attachLink.kind === 'attach' && mode.kind === 'app' ? attachLink.target : undefined
const attachWarnings =
  attachLink.kind === 'bad'
    ? [attachLink.warning]
    : attachLink.kind === 'attach' && !attach
      ? ['Ignored attach=…: an embed runs its own simulation.']
      : attach && (route.mode === 'lesson' || (mode.kind === 'app' && mode.scenario))
        ? ['Attached to a served simulation: the link’s lesson or shared run is not opened.']
        : []

let services: AppServices
let page: ReactNode
if (mode.kind === 'presenter') {
  const presenter = bootPresenter(mode.session)
  services = presenter.services
  page = <PresenterApp />
} else {
  services = bootApp({
    run: mode.run,
    scenario: attach ? undefined : mode.scenario,
    fallback: DEFAULT_RUN,
    paused: mode.embed ? !mode.embed.autoplay : false,
    // Attached, the served simulation is the page: free play on it, no lesson, no catalog.
    route: attach ? { mode: 'free' } : route,
    storage,
    embedded: mode.kind === 'embed',
    attach,
    scale: attach ? undefined : mode.scale,
  })
  if (mode.refused !== undefined)
    services.store.setState({
      notice: `This link's scenario could not be opened (${mode.refused}). The default cluster is open instead.`,
    })
  page =
    mode.kind === 'embed' && mode.embed ? (
      <EmbedApp options={mode.embed} />
    ) : (
      <App warnings={[...mode.warnings, ...routeWarnings, ...attachWarnings]} />
    )
}

// Preferences: the viewer's own (saved) in the app; an embed follows its host's theme parameter
// and a presenter's window the instructor's, and neither overwrites what the viewer saved.
services.store.setState({ prefs: loadPrefs(storage, media) })
if (mode.kind === 'embed' && mode.embed?.theme)
  setPrefs(services.store, { theme: mode.embed.theme })
bindPrefs(services.store, document.documentElement, storage, mode.kind === 'app')
// Dev builds, and the build the e2e tests run (`vite build --mode e2e`); never the shipped one.
if (import.meta.env.DEV || import.meta.env.MODE === 'e2e') installTestApi(services)

const root = document.getElementById('root')
if (!root) throw new Error('index.html has no #root element')
createRoot(root).render(
  <StrictMode>
    <AppContext.Provider value={services}>{page}</AppContext.Provider>
  </StrictMode>,
)
