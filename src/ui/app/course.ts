import { createActor, type Actor } from 'xstate'
import type { SimClient, LoadOptions } from '../../client/sim-client'
import { lessonMachine } from '../../machines/lesson.machine'
import type { playbackMachine } from '../../machines/playback.machine'
import type { AppStore } from '../../store/store'
import type { CatalogLesson, CatalogStep, SessionResume } from '../../protocol/lesson'
import type { PANELS } from '../../lesson/index'
import type { ProgressKeeper } from './progress-keeper'

/** Lesson panel names (lesson files) → the dock's tabs; a new panel name fails to compile here. */
const PANEL_TABS: Readonly<Record<Exclude<(typeof PANELS)[number], 'flow'>, string>> = {
  editor: 'manifest',
  pods: 'pods',
  kubectl: 'kubectl',
  events: 'events',
  scheduler: 'scheduler',
  raft: 'etcd',
  processes: 'processes',
  controllers: 'controllers',
  services: 'services',
  rules: 'rules',
  access: 'access',
  secrets: 'secrets',
  load: 'load',
}

interface CourseDeps {
  store: AppStore
  client: SimClient
  playback: Actor<typeof playbackMachine>
  keeper: ProgressKeeper
  /** The cluster free play loads after a lesson. */
  freePlay: () => LoadOptions
  /** The page opened paused (an embed without autoplay, a shared scenario): free play waits. */
  startPaused?: boolean
}

/** A step's view: speed, panel in front, editor text, what the map highlights. */
function applyView(deps: CourseDeps, step: CatalogStep | undefined): void {
  const view = step?.view ?? {}
  const { store, client, playback } = deps
  if (view.speed !== undefined) playback.send({ type: 'SET_SPEED', speed: view.speed })
  if (view.followMessages !== undefined) {
    store.setState({ followMessages: view.followMessages })
    client.setFollowMessages(view.followMessages)
  }
  const tab = view.panel !== undefined && view.panel !== 'flow' ? PANEL_TABS[view.panel] : undefined
  store.setState({
    highlight: view.highlight === undefined ? [] : [view.highlight].flat(),
    managedControlPlane: view.controlPlane === 'managed',
    ...(tab !== undefined ? { dockTab: tab } : {}),
    ...(view.editor !== undefined ? { manifestDraft: view.editor } : {}),
    ...(view.panel === 'flow' ? { follow: undefined, stepsSeen: [], activeStep: undefined } : {}),
  })
}

/**
 * The lesson statechart, given its effects: the worker runs the lesson, the playback machine
 * pauses and plays, the store shows the step's view. Leaving a lesson reloads free play.
 */
export function createCourse(deps: CourseDeps): Actor<typeof lessonMachine> {
  const { client, playback, keeper, store } = deps
  let lessonLoaded = false
  let holdPlay = deps.startPaused === true
  return createActor(
    lessonMachine.provide({
      actions: {
        openLesson: (_, { lessonId, step, resume }) => {
          lessonLoaded = true
          const lesson = store
            .getState()
            .catalog?.entries.find((e) => e.ok && e.lesson.id === lessonId)
          const session =
            resume && lesson?.ok ? keeper.placeFor(lesson.lesson, step).session : undefined
          const cluster = lesson?.ok ? lesson.lesson.cluster : undefined
          store.setState({
            // A lesson's cluster (lesson/session simOptions): one control plane, no system Pods.
            lessonRun: cluster && {
              ...cluster,
              preVote: true,
              checkQuorum: true,
              controlPlanes: 1,
              systemPods: false,
            },
          })
          // Saved actions are checked for shape only; the worker reports any it cannot apply.
          client.openLesson(lessonId, step, session as SessionResume | undefined)
        },
        gotoStep: (_, { step }) => {
          client.lessonCommand({ type: 'goto', step })
        },
        showMe: () => {
          client.lessonCommand({ type: 'showMe' })
        },
        resetStep: () => {
          client.lessonCommand({ type: 'resetStep' })
        },
        closeLesson: () => {
          client.lessonCommand({ type: 'close' })
          store.setState({ highlight: [], managedControlPlane: false, lessonRun: undefined })
        },
        freePlay: () => {
          if (lessonLoaded) client.reload(deps.freePlay())
          // The first free play of a page that opened paused stays paused until asked.
          if (!holdPlay || lessonLoaded) playback.send({ type: 'PLAY' })
          lessonLoaded = false
          holdPlay = false
        },
        play: () => {
          playback.send({ type: 'PLAY' })
        },
        pause: () => {
          playback.send({ type: 'PAUSE' })
        },
        applyView: (_, { step }) => {
          applyView(deps, step)
        },
      },
    }),
  )
}

/** Opens a lesson where the student left it (or at `step`), with their answers and session. */
export function startLesson(
  course: Actor<typeof lessonMachine>,
  keeper: ProgressKeeper,
  lesson: CatalogLesson,
  step?: number,
): void {
  const place = keeper.placeFor(lesson, step)
  const at = Math.min(place.step, lesson.steps.length - 1)
  course.send({
    type: 'START',
    lesson,
    step: at,
    resume: place.session?.stepIndex === at,
    saved: place.saved,
  })
}
