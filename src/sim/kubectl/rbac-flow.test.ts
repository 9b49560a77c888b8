import { describe, expect, it } from 'vitest'
import { createSimulation } from '../simulation'
import { BOOT_MS } from '../testing/manifests'

// The course's RBAC story end to end through the simulated API server, with kubectl v1.32's texts.
describe('RBAC through kubectl: Bob, a Role and a RoleBinding', () => {
  const sim = createSimulation({ seed: 5 })
  sim.advance(BOOT_MS)

  it('Bob is authenticated by his certificate but may not list pods', () => {
    expect(sim.kubectl('config use-context bob@kubernetes').output).toBe(
      'Switched to context "bob@kubernetes".',
    )
    const result = sim.kubectl('get pods')
    expect(result.exitCode).toBe(1)
    expect(result.output).toBe(
      'Error from server (Forbidden): pods is forbidden: User "bob" cannot list resource "pods" in API group "" in the namespace "default"',
    )
    expect(sim.kubectl('get pods web').output).toBe(
      'Error from server (Forbidden): pods "web" is forbidden: User "bob" cannot get resource "pods" in API group "" in the namespace "default"',
    )
    expect(sim.kubectl('get nodes').output).toBe(
      'Error from server (Forbidden): nodes is forbidden: User "bob" cannot list resource "nodes" in API group "" at the cluster scope',
    )
    expect(sim.kubectl('auth can-i list pods')).toEqual({ exitCode: 1, output: 'no' })
  })

  it('whoami shows the certificate subject and system:authenticated', () => {
    expect(sim.kubectl('auth whoami').output).toBe(
      'ATTRIBUTE   VALUE\nUsername    bob\nGroups      [system:authenticated]',
    )
  })

  it('the admin grants a Role through a RoleBinding, and Bob can read pods', () => {
    sim.kubectl('config use-context kubernetes-admin@kubernetes')
    expect(
      sim.kubectl('create role pod-reader --verb=get --verb=list --verb=watch --resource=pods')
        .output,
    ).toBe('role.rbac.authorization.k8s.io/pod-reader created')
    expect(
      sim.kubectl('create rolebinding bob-reads-pods --role=pod-reader --user=bob').output,
    ).toBe('rolebinding.rbac.authorization.k8s.io/bob-reads-pods created')
    expect(sim.kubectl('auth can-i list pods --as bob')).toEqual({ exitCode: 0, output: 'yes' })
    const asBob = sim.kubectl('get pods --context bob@kubernetes')
    expect(asBob).toEqual({ exitCode: 0, output: 'No resources found in default namespace.' })
    expect(sim.kubectl('auth can-i delete pods --as bob').output).toBe('no')
    expect(sim.kubectl('auth can-i list pods -n kube-system --as bob').output).toBe('no')
    expect(sim.kubectl('get rolebindings').output).toMatch(
      /^NAME\s+ROLE\s+AGE\nbob-reads-pods\s+Role\/pod-reader\s+\d+s$/,
    )
  })

  it('the allow decision names the binding, as RBAC reports it', () => {
    const decisions = sim.trace.filter(
      (e) =>
        e.type === 'AuthorizationDecided' &&
        e.record.user?.name === 'bob' &&
        e.record.allowed &&
        e.record.attributes?.resource === 'pods',
    )
    const last = decisions[decisions.length - 1]
    expect(last?.type === 'AuthorizationDecided' && last.record.reason).toBe(
      'RBAC: allowed by RoleBinding "bob-reads-pods/default" of Role "pod-reader" to User "bob"',
    )
  })

  it('can-i --list prints the rules as kubectl does', () => {
    const list = sim.kubectl('auth can-i --list --as bob').output.split('\n')
    expect(list[0]).toMatch(/^Resources\s+Non-Resource URLs\s+Resource Names\s+Verbs$/)
    expect(list).toContainEqual(expect.stringMatching(/^pods\s+\[\]\s+\[\]\s+\[get list watch\]$/))
    expect(list).toContainEqual(
      expect.stringMatching(
        /^selfsubjectaccessreviews\.authorization\.k8s\.io\s+\[\]\s+\[\]\s+\[create\]$/,
      ),
    )
    expect(list).toContainEqual(expect.stringMatching(/^\s+\[\/healthz\]\s+\[\]\s+\[get\]$/))
  })

  it('impersonation needs the impersonate verb: Bob cannot become the admin', () => {
    expect(sim.kubectl('get pods --context bob@kubernetes --as kubernetes-admin').output).toBe(
      'Error from server (Forbidden): users "kubernetes-admin" is forbidden: User "bob" cannot impersonate resource "users" in API group "" at the cluster scope',
    )
  })

  it('a ClusterRole bound by a RoleBinding applies in that namespace only', () => {
    sim.kubectl('create rolebinding alice-view --clusterrole=view --user=alice -n kube-system')
    sim.advance(1_000)
    expect(sim.kubectl('auth can-i list configmaps -n kube-system --as alice').output).toBe('yes')
    expect(sim.kubectl('auth can-i list configmaps -n default --as alice').output).toBe('no')
    // view is aggregated: its rules come from system:aggregate-to-view, not from the role itself.
    expect(sim.kubectl('auth can-i get secrets -n kube-system --as alice').output).toBe('no')
  })
})

describe('kubeconfig', () => {
  const sim = createSimulation({ seed: 6 })
  sim.advance(BOOT_MS)

  it('config view redacts certificates and tokens as kubectl does', () => {
    const view = sim.kubectl('config view').output
    expect(view).toContain(
      '    certificate-authority-data: DATA+OMITTED\n    server: https://control-plane:6443',
    )
    expect(view).toContain(
      '- name: bob\n  user:\n    client-certificate-data: DATA+OMITTED\n    client-key-data: DATA+OMITTED',
    )
    expect(view).toContain('- name: ci-bot\n  user:\n    token: REDACTED')
    expect(view).toContain('current-context: kubernetes-admin@kubernetes')
    expect(sim.kubectl('config view --raw').output).toMatch(/token: eyJ/)
  })

  it('get-contexts marks the current one', () => {
    expect(sim.kubectl('config get-contexts').output).toBe(
      [
        'CURRENT   NAME                          CLUSTER      AUTHINFO           NAMESPACE',
        '          alice@kubernetes              kubernetes   alice              default',
        '          bob@kubernetes                kubernetes   bob                default',
        '          ci-bot@kubernetes             kubernetes   ci-bot             default',
        '*         kubernetes-admin@kubernetes   kubernetes   kubernetes-admin   ',
      ].join('\n'),
    )
  })

  it('resolves --context, --user and reports what is missing as kubectl does', () => {
    expect(sim.kubectl('get pods --context nope').output).toBe(
      'Error in configuration: context was not found for specified context: nope',
    )
    expect(sim.kubectl('get pods --user nope').output).toBe(
      'error: auth info "nope" does not exist',
    )
    expect(sim.kubectl('config use-context nope').output).toBe(
      'error: no context exists with the name: "nope"',
    )
    expect(sim.kubectl('config current-context').output).toBe('kubernetes-admin@kubernetes')
  })

  it('the ci-bot ServiceAccount token authenticates as the ServiceAccount', () => {
    const who = sim.kubectl('auth whoami --context ci-bot@kubernetes').output
    expect(who).toMatch(/^ATTRIBUTE\s+VALUE\nUsername\s+system:serviceaccount:default:ci-bot\n/)
    expect(who).toMatch(
      /Groups\s+\[system:serviceaccounts system:serviceaccounts:default system:authenticated\]/,
    )
    expect(who).toMatch(/Extra: authentication\.kubernetes\.io\/credential-id\s+\[JTI=/)
    expect(sim.kubectl('get pods --context ci-bot@kubernetes').output).toBe(
      'Error from server (Forbidden): pods is forbidden: User "system:serviceaccount:default:ci-bot" cannot list resource "pods" in API group "" in the namespace "default"',
    )
  })

  it("a deleted ServiceAccount's token is rejected (401) once the 10 s token cache expires", () => {
    expect(sim.kubectl('delete sa ci-bot').output).toBe('serviceaccount "ci-bot" deleted')
    sim.advance(11_000)
    expect(sim.kubectl('get pods --context ci-bot@kubernetes').output).toBe(
      'error: You must be logged in to the server (Unauthorized)',
    )
  })
})

describe('privilege escalation prevention', () => {
  const sim = createSimulation({ seed: 7 })
  sim.advance(BOOT_MS)
  sim.kubectl(
    'create role role-maker --verb=create,get,list --resource=roles,rolebindings --verb=get --resource=pods',
  )
  sim.kubectl('create role role-maker2 --verb=get,list --resource=pods')
  sim.kubectl('create rolebinding bob-makes-roles --role=role-maker --user=bob')

  it('Bob may create a Role only with permissions he holds', () => {
    expect(
      sim.kubectl('create role mine --verb=get --resource=pods --context bob@kubernetes').output,
    ).toBe('role.rbac.authorization.k8s.io/mine created')
    expect(
      sim.kubectl('create role too-much --verb=delete --resource=pods --context bob@kubernetes')
        .output,
    ).toBe(
      'Error from server (Forbidden): roles.rbac.authorization.k8s.io "too-much" is forbidden: user "bob" (groups=["system:authenticated"]) is attempting to grant RBAC permissions not currently held:\n{APIGroups:[""], Resources:["pods"], Verbs:["delete"]}',
    )
  })

  it('and may bind only a role whose permissions he holds, unless he may bind it', () => {
    expect(
      sim.kubectl(
        'create rolebinding carol-edit --clusterrole=edit --user=carol --context bob@kubernetes',
      ).output,
    ).toMatch(
      /^error: failed to create rolebinding: rolebindings.rbac.authorization.k8s.io "carol-edit" is forbidden: user "bob" .* is attempting to grant RBAC permissions not currently held:\n/,
    )
    expect(
      sim.kubectl('create rolebinding carol-mine --role=mine --user=carol --context bob@kubernetes')
        .output,
    ).toBe('rolebinding.rbac.authorization.k8s.io/carol-mine created')
  })
})
