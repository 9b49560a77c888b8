import { useEffect } from 'react'
import type { EmbedCommand, EmbedEvent } from '../../protocol/embed-api'
import { embedEvent } from '../../protocol/embed-api'
import { planFault } from '../../protocol/faults/catalog'
import { planPreset } from '../../protocol/faults/presets'
import type { SimAction } from '../../sim/index'
import type { AppServices } from '../app/boot'
import { faultContextOf } from '../app/instructor'
import type { LessonNews } from '../app/lesson-port'
import { autoPause } from './auto-pause'
import { EmbedBridge } from './embed-bridge'
import type { EmbedOptions } from './embed-options'

/** A lesson's news as the embed API's event. */
export function newsEvent(news: LessonNews): EmbedEvent {
  switch (news.type) {
    case 'stepChanged':
      return embedEvent('stepChanged', {
        lesson: news.lesson,
        step: news.step,
        ...(news.title !== undefined ? { title: news.title } : {}),
      })
    case 'goalReached':
      return embedEvent('goalReached', { lesson: news.lesson, step: news.step, goal: news.goal })
    case 'lessonCompleted':
      return embedEvent('lessonCompleted', { lesson: news.lesson })
  }
}

/** Carries out one command from the host page. */
export function obey(services: AppServices, command: EmbedCommand): void {
  const { playback, store } = services
  switch (command.type) {
    case 'play':
      playback.send({ type: 'PLAY' })
      return
    case 'pause':
      playback.send({ type: 'PAUSE' })
      return
    case 'seek':
      playback.send({ type: 'SCRUB_START' })
      playback.send({ type: 'SCRUB_TO', timeMs: command.timeMs })
      playback.send({ type: 'SCRUB_END' })
      return
    case 'setSpeed':
      playback.send({ type: 'SET_SPEED', speed: command.speed })
      return
    case 'kubectl':
      services.runKubectl(command.command, command.stdin)
      return
    case 'healAll':
      return services.healAll()
    case 'injectFault': {
      if (command.action) return services.dispatch(command.action as SimAction)
      const context = faultContextOf(store.getState())
      const plan = command.preset
        ? planPreset(context, command.preset)
        : planFault(context, command.fault ?? { kind: '', target: '' })
      if (!('error' in plan)) services.inject(plan)
      return
    }
    case 'goToStep':
      services.lessons?.goToStep(command.step, command.lesson)
      return
    case 'hello':
      return
  }
}

/**
 * The embed's side of the page: the postMessage bridge (ready once the simulation runs, resized
 * whenever the page's height changes, playback changes), and pausing while nobody can see it.
 */
export function useEmbedPage(services: AppServices, options: EmbedOptions): void {
  useEffect(() => {
    const { store } = services
    const bridge = new EmbedBridge(window, options.trusted, (command) => {
      obey(services, command)
    })
    const root = document.documentElement
    let lastHeight = -1
    const measure = () => {
      const height = Math.ceil(root.getBoundingClientRect().height)
      if (height === lastHeight) return
      lastHeight = height
      bridge.post(embedEvent('resized', { height, width: Math.round(root.clientWidth) }))
    }
    // Observed sizes come with rendering, which a browser skips in an iframe out of view; so
    // the height is also measured (forcing layout) at once and when the simulation is ready.
    const sizes = new ResizeObserver(measure)
    sizes.observe(document.body)
    measure()
    let ready = false
    let lastPlaying: boolean | undefined
    // Lesson events go to the host page (the bridge sends them to trusted origins only).
    const unsubscribeLessons = services.lessons?.subscribe((news) => {
      bridge.post(newsEvent(news))
    })
    const unsubscribe = store.subscribe((s) => {
      if (!ready && s.connection === 'ready') {
        ready = true
        bridge.ready({
          ...(options.lesson !== undefined ? { lesson: options.lesson } : {}),
          ...(options.step !== undefined ? { step: options.step } : {}),
        })
        measure()
      }
      if (ready && s.playing !== lastPlaying) {
        lastPlaying = s.playing
        bridge.post(
          embedEvent('playback', { playing: s.playing, speed: s.speed, timeMs: s.simTimeMs }),
        )
      }
    })
    // Off-screen (in the host page's viewport) or a hidden tab: pause; back in view: resume.
    let onScreen = true
    let pause = { autoPaused: false }
    const check = () => {
      const next = autoPause(pause, {
        visible: onScreen && document.visibilityState === 'visible',
        playing: store.getState().playing,
      })
      pause = next.state
      if (next.command) services.playback.send({ type: next.command === 'play' ? 'PLAY' : 'PAUSE' })
    }
    const seen = new IntersectionObserver((entries) => {
      onScreen = entries.some((e) => e.isIntersecting)
      check()
    })
    seen.observe(document.body)
    document.addEventListener('visibilitychange', check)
    return () => {
      bridge.dispose()
      sizes.disconnect()
      seen.disconnect()
      unsubscribe()
      unsubscribeLessons?.()
      document.removeEventListener('visibilitychange', check)
    }
  }, [services, options])
}
