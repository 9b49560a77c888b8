/**
 * The simulated registries: which image references exist, how big they are, and what their
 * entrypoint does. Docker Hub's official images (a single-segment name such as `nginx`) are a
 * finite catalogue, so a typo fails to pull as it would; a tag must look like a release
 * (`1.27`, `1.27.3-alpine`) or be one of the image's named tags. Images from other
 * repositories (`example/app:1.0`, `ghcr.io/me/app`) are taken to exist and run as a generic
 * long-running process. A host that does not resolve fails with containerd's DNS error.
 */
export type ImageKind =
  | 'nginx'
  | 'httpd'
  | 'redis'
  | 'postgres'
  | 'mysql'
  | 'shell'
  | 'hello-world'
  | 'agnhost'
  | 'liveness'
  | 'pause'
  | 'perl'
  | 'interpreter'
  | 'generic'

export interface ImageInfo {
  /** containerd's normalized reference: docker.io/library/nginx:1.27. */
  reference: string
  repository: string
  tag: string
  kind: ImageKind
  sizeBytes: number
  /** The image's /bin/sh flavour, when it has one. */
  shell?: 'busybox' | 'bash'
  /** The version servers print for `latest`-like tags. */
  version: string
}

interface CatalogueEntry {
  kind: ImageKind
  sizeBytes: number
  shell?: 'busybox' | 'bash'
  namedTags: readonly string[]
  latest: string
}

const NAMED = ['latest', 'stable', 'alpine', 'slim', 'bookworm', 'bullseye', 'perl'] as const
// Compressed linux/amd64 sizes, so pull time depends on the image (Docker Hub, 2025).
const LIBRARY: Readonly<Record<string, CatalogueEntry>> = {
  nginx: {
    kind: 'nginx',
    sizeBytes: 72_099_501,
    shell: 'bash',
    namedTags: [...NAMED, 'mainline'],
    latest: '1.27.3',
  },
  httpd: {
    kind: 'httpd',
    sizeBytes: 58_321_104,
    shell: 'bash',
    namedTags: NAMED,
    latest: '2.4.62',
  },
  redis: { kind: 'redis', sizeBytes: 45_139_712, shell: 'bash', namedTags: NAMED, latest: '7.4.2' },
  postgres: {
    kind: 'postgres',
    sizeBytes: 153_442_131,
    shell: 'bash',
    namedTags: NAMED,
    latest: '17.2',
  },
  mysql: {
    kind: 'mysql',
    sizeBytes: 170_260_313,
    shell: 'bash',
    namedTags: [...NAMED, 'lts'],
    latest: '9.1.0',
  },
  busybox: {
    kind: 'shell',
    sizeBytes: 2_155_327,
    shell: 'busybox',
    namedTags: ['latest', 'stable', 'musl', 'glibc', 'uclibc'],
    latest: '1.37.0',
  },
  alpine: {
    kind: 'shell',
    sizeBytes: 3_642_880,
    shell: 'busybox',
    namedTags: ['latest', 'edge'],
    latest: '3.21.2',
  },
  ubuntu: {
    kind: 'shell',
    sizeBytes: 29_754_290,
    shell: 'bash',
    namedTags: ['latest', 'noble', 'jammy', 'focal', 'rolling', 'devel'],
    latest: '24.04',
  },
  debian: {
    kind: 'shell',
    sizeBytes: 48_494_272,
    shell: 'bash',
    namedTags: ['latest', 'bookworm', 'bookworm-slim', 'bullseye', 'stable', 'stable-slim'],
    latest: '12.9',
  },
  'hello-world': {
    kind: 'hello-world',
    sizeBytes: 13_256,
    namedTags: ['latest', 'linux'],
    latest: 'latest',
  },
  perl: { kind: 'perl', sizeBytes: 331_204_765, shell: 'bash', namedTags: NAMED, latest: '5.40.1' },
  python: {
    kind: 'interpreter',
    sizeBytes: 402_516_813,
    shell: 'bash',
    namedTags: NAMED,
    latest: '3.13.1',
  },
  node: {
    kind: 'interpreter',
    sizeBytes: 398_711_027,
    shell: 'bash',
    namedTags: [...NAMED, 'lts'],
    latest: '22.13.0',
  },
  golang: {
    kind: 'interpreter',
    sizeBytes: 295_006_419,
    shell: 'bash',
    namedTags: NAMED,
    latest: '1.23.4',
  },
  memcached: {
    kind: 'generic',
    sizeBytes: 30_211_044,
    shell: 'bash',
    namedTags: NAMED,
    latest: '1.6.34',
  },
  rabbitmq: {
    kind: 'generic',
    sizeBytes: 110_425_602,
    shell: 'bash',
    namedTags: [...NAMED, 'management'],
    latest: '4.0.5',
  },
  mongo: {
    kind: 'generic',
    sizeBytes: 262_884_031,
    shell: 'bash',
    namedTags: NAMED,
    latest: '8.0.4',
  },
  traefik: {
    kind: 'generic',
    sizeBytes: 52_300_419,
    shell: 'busybox',
    namedTags: NAMED,
    latest: '3.3.2',
  },
  caddy: {
    kind: 'generic',
    sizeBytes: 20_171_385,
    shell: 'busybox',
    namedTags: NAMED,
    latest: '2.9.1',
  },
}

// Images on registry.k8s.io that lessons and the kubernetes.io examples use.
const K8S_REGISTRY: Readonly<Record<string, CatalogueEntry>> = {
  pause: { kind: 'pause', sizeBytes: 321_520, namedTags: [], latest: '3.10' },
  busybox: {
    kind: 'shell',
    sizeBytes: 1_144_547,
    shell: 'busybox',
    namedTags: ['latest'],
    latest: '1.27.2',
  },
  liveness: { kind: 'liveness', sizeBytes: 2_530_471, namedTags: ['latest'], latest: 'latest' },
  'e2e-test-images/agnhost': {
    kind: 'agnhost',
    sizeBytes: 49_881_312,
    namedTags: [],
    latest: '2.52',
  },
  // kubeadm's control plane and addons for v1.32 (cmd/kubeadm/app/constants: CoreDNSVersion
  // v1.11.3, DefaultEtcdVersion 3.5.16-0); they run as long-lived processes.
  'kube-proxy': { kind: 'generic', sizeBytes: 30_909_428, namedTags: [], latest: 'v1.32.0' },
  'coredns/coredns': { kind: 'generic', sizeBytes: 18_562_039, namedTags: [], latest: 'v1.11.3' },
  'kube-apiserver': { kind: 'generic', sizeBytes: 28_671_624, namedTags: [], latest: 'v1.32.0' },
  'kube-controller-manager': {
    kind: 'generic',
    sizeBytes: 26_258_470,
    namedTags: [],
    latest: 'v1.32.0',
  },
  'kube-scheduler': { kind: 'generic', sizeBytes: 20_657_536, namedTags: [], latest: 'v1.32.0' },
  etcd: { kind: 'generic', sizeBytes: 57_680_541, namedTags: [], latest: '3.5.16-0' },
}

// Registries that resolve; references to other hosts fail in DNS.
const KNOWN_HOSTS = [
  'docker.io',
  'registry.k8s.io',
  'ghcr.io',
  'quay.io',
  'gcr.io',
  'public.ecr.aws',
  'mcr.microsoft.com',
]

const GENERIC_BYTES = 50_000_000

export type ImageLookup = { ok: true; image: ImageInfo } | { ok: false; error: string }

/** Splits "host/path:tag" (tag defaults to latest) as containerd's reference parser does. */
export function parseReference(image: string): {
  host: string
  path: string
  tag: string
  digest?: string
} {
  const [withoutDigest = '', digest] = image.split('@', 2)
  const slash = withoutDigest.indexOf('/')
  const first = slash < 0 ? '' : withoutDigest.slice(0, slash)
  const hasHost = first.includes('.') || first.includes(':') || first === 'localhost'
  const host = hasHost ? first : 'docker.io'
  let path = hasHost ? withoutDigest.slice(slash + 1) : withoutDigest
  const colon = path.lastIndexOf(':')
  let tag = 'latest'
  if (colon > path.lastIndexOf('/') && colon >= 0) {
    tag = path.slice(colon + 1)
    path = path.slice(0, colon)
  }
  if (host === 'docker.io' && !path.includes('/')) path = `library/${path}`
  return digest !== undefined ? { host, path, tag, digest } : { host, path, tag }
}

function tagExists(entry: CatalogueEntry, tag: string): boolean {
  if (/^v?\d+(\.\d+)*([-_][a-z0-9.]+)*$/.test(tag)) return true
  const head = tag.split('-')[0] ?? tag
  return entry.namedTags.includes(tag) || entry.namedTags.includes(head.replace(/[\d.]+$/, ''))
}

const looksMissing = (text: string): boolean =>
  /does-?not-?exist|non-?existent|notfound|not-found/i.test(text)

/** Whether an image can be pulled, and what it is; the error is what containerd reports. */
export function lookupImage(image: string): ImageLookup {
  const { host, path, tag, digest } = parseReference(image)
  const reference = `${host}/${path}${digest !== undefined ? `@${digest}` : `:${tag}`}`
  const unpack = `failed to pull and unpack image "${reference}": failed to resolve reference "${reference}"`
  if (!KNOWN_HOSTS.includes(host)) {
    const manifest = `https://${host}/v2/${path}/manifests/${digest ?? tag}`
    return {
      ok: false,
      error: `rpc error: code = Unknown desc = ${unpack}: failed to do request: Head "${manifest}": dial tcp: lookup ${host.replace(/:\d+$/, '')}: no such host`,
    }
  }
  const name = path.replace(/^library\//, '')
  const entry =
    host === 'docker.io' && path.startsWith('library/')
      ? LIBRARY[name]
      : host === 'registry.k8s.io'
        ? K8S_REGISTRY[name]
        : undefined
  const official =
    (host === 'docker.io' && path.startsWith('library/')) || host === 'registry.k8s.io'
  if ((official && !entry) || looksMissing(path)) {
    return {
      ok: false,
      error: `rpc error: code = Unknown desc = ${unpack}: pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed`,
    }
  }
  if ((entry && digest === undefined && !tagExists(entry, tag)) || looksMissing(tag)) {
    return {
      ok: false,
      error: `rpc error: code = NotFound desc = ${unpack}: ${reference}: not found`,
    }
  }
  const version = /^v?\d/.test(tag)
    ? (tag.replace(/^v/, '').split('-')[0] ?? tag)
    : (entry?.latest ?? tag)
  return {
    ok: true,
    image: {
      reference,
      repository: `${host}/${path}`,
      tag,
      kind: entry?.kind ?? 'generic',
      sizeBytes: entry?.sizeBytes ?? GENERIC_BYTES,
      ...(entry?.shell !== undefined ? { shell: entry.shell } : {}),
      version,
    },
  }
}

/** Size in bytes for a reference that exists (what a pull transfers). */
export function imageSize(image: string): number {
  const found = lookupImage(image)
  return found.ok ? found.image.sizeBytes : GENERIC_BYTES
}
