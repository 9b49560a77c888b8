import { describe, expect, it } from 'vitest'
import { lookupImage } from './images'
import { piDigits } from './pi'
import { programFor, type ProgramInput } from './program-for'
import { connect } from './servers'
import { fileExists } from './timeline'

const input = (image: string, command?: string[], args?: string[]): ProgramInput => ({
  image,
  command,
  args,
  env: {},
  hostname: 'web',
  podIp: '10.244.1.2',
  cpus: 2,
  containerPorts: [],
})
const sh = (script: string, image = 'busybox:1.36') =>
  programFor(input(image, ['sh', '-c', script]))
const texts = (lines: { text: string }[]) => lines.map((l) => l.text)

describe('sh -c scripts run in virtual time', () => {
  it('writes, sleeps and exits with the code the script gives', () => {
    const p = sh("echo Starting app; sleep 5; echo 'panic: cannot reach db' >&2; exit 1")
    expect(p.exit).toEqual({ atMs: 5000, code: 1 })
    const run = p.run(60_000)
    expect(run.lines).toEqual([
      { atMs: 0, stream: 'stdout', text: 'Starting app' },
      { atMs: 5000, stream: 'stderr', text: 'panic: cannot reach db' },
    ])
    expect(p.run(4_999).exit).toBeUndefined()
  })

  it("models kubernetes.io's liveness exec example: the file exists for 30 s", () => {
    const p = sh('touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600')
    const files = p.run(700_000).files
    expect(fileExists(files, '/tmp/healthy', 29_000)).toBe(true)
    expect(fileExists(files, '/tmp/healthy', 31_000)).toBe(false)
    expect(p.exit).toEqual({ atMs: 630_000, code: 0 })
  })

  it('an endless loop never exits and writes a line per period', () => {
    const p = sh('while true; do echo "$(hostname) tick"; sleep 5; done')
    expect(p.exit).toBeUndefined()
    expect(texts(p.run(12_000).lines)).toEqual(['web tick', 'web tick', 'web tick'])
  })

  it('counts with arithmetic and stops on the loop condition', () => {
    const p = sh('i=0; while [ $i -lt 3 ]; do echo "n=$i"; i=$((i+1)); sleep 1; done; exit 3')
    expect(texts(p.run(10_000).lines)).toEqual(['n=0', 'n=1', 'n=2'])
    expect(p.exit).toEqual({ atMs: 3000, code: 3 })
  })

  it('for … in $(seq …) and && / ||', () => {
    const p = sh('for i in $(seq 1 3); do echo "item $i"; done; false || echo fallback && exit 4')
    expect(texts(p.run(1000).lines)).toEqual(['item 1', 'item 2', 'item 3', 'fallback'])
    expect(p.exit?.code).toBe(4)
  })

  it('an unknown command is "not found" with status 127, in each shell’s words', () => {
    expect(texts(sh('kubectl get pods').run(10).lines)).toEqual(['sh: kubectl: not found'])
    expect(sh('kubectl get pods').exit?.code).toBe(127)
    const bash = programFor(input('ubuntu:24.04', ['bash', '-c', 'kubectl']))
    expect(texts(bash.run(10).lines)).toEqual(['bash: line 1: kubectl: command not found'])
  })
})

describe('images and their entrypoints', () => {
  it('a shell image with nothing to run exits 0 at once (the classic Completed loop)', () => {
    expect(programFor(input('busybox')).exit).toEqual({ atMs: 5, code: 0 })
  })

  it('an executable missing from the image fails to start with runc’s message', () => {
    expect(programFor(input('busybox:1.36', ['node', 'server.js'])).startError).toContain(
      'exec: "node": executable file not found in $PATH',
    )
  })

  it('postgres without POSTGRES_PASSWORD exits 1 with the entrypoint’s error', () => {
    const p = programFor(input('postgres:17'))
    expect(p.exit?.code).toBe(1)
    expect(p.run(1000).lines[0]?.text).toBe(
      'Error: Database is uninitialized and superuser password is not specified.',
    )
  })

  it('nginx listens on 80 and serves its welcome page; other ports refuse', () => {
    const p = programFor(input('nginx:1.27'))
    expect(p.exit).toBeUndefined()
    expect(connect(p.server, 80, '/', 1000, 'web')).toMatchObject({ status: 200, bytes: 615 })
    expect(connect(p.server, 80, '/healthz', 1000, 'web')).toMatchObject({ status: 404 })
    expect(connect(p.server, 8080, '/', 1000, 'web')).toEqual({ kind: 'refused' })
  })

  it('agnhost liveness answers /healthz with 200 for 10 s, then 500', () => {
    const p = programFor(
      input('registry.k8s.io/e2e-test-images/agnhost:2.52', undefined, ['liveness']),
    )
    expect(connect(p.server, 8080, '/healthz', 9_000, 'web')).toMatchObject({ status: 200 })
    expect(connect(p.server, 8080, '/healthz', 11_000, 'web')).toMatchObject({ status: 500 })
  })

  it('the Job example prints π to 2000 digits and exits 0', () => {
    const p = programFor(input('perl:5.34.0', ['perl', '-Mbignum=bpi', '-wle', 'print bpi(2000)']))
    expect(p.exit?.code).toBe(0)
    const text = p.run(60_000).lines[0]?.text ?? ''
    expect(text.startsWith('3.14159265358979323846264338327950288419716939937510')).toBe(true)
    expect(text).toHaveLength(2001)
    expect(piDigits(10)).toBe('3.141592654')
  })
})

describe('the registry', () => {
  it('a missing tag of an official image is NotFound, in containerd’s words', () => {
    const result = lookupImage('nginx:doesnotexist')
    expect(result).toEqual({
      ok: false,
      error:
        'rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:doesnotexist": failed to resolve reference "docker.io/library/nginx:doesnotexist": docker.io/library/nginx:doesnotexist: not found',
    })
  })

  it('a misspelt official image is "pull access denied"', () => {
    expect(lookupImage('ngnix')).toMatchObject({ ok: false })
    expect(JSON.stringify(lookupImage('ngnix'))).toContain(
      'pull access denied, repository does not exist',
    )
  })

  it('a registry host that does not resolve fails in DNS', () => {
    const result = JSON.stringify(lookupImage('registry.internal.example:5000/app:1.0'))
    expect(result).toContain('"ok":false')
    expect(result).toContain('dial tcp: lookup registry.internal.example: no such host')
  })

  it('release tags, named tags and other repositories exist', () => {
    for (const image of [
      'nginx:1.14.2',
      'nginx:1.27-alpine',
      'nginx',
      'busybox:1.36',
      'example/worker:1.0',
    ])
      expect(lookupImage(image).ok).toBe(true)
  })
})
