import { useState, type SyntheticEvent } from 'react'
import { useAppState, useServices } from '../../app/app-context'

const VERBS = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete']

/** "Can I…?": `kubectl auth can-i VERB RESOURCE -n NS`, answered by a SelfSubjectAccessReview. */
export function CanIForm() {
  const { runKubectl } = useServices()
  const [verb, setVerb] = useState('list')
  const [resource, setResource] = useState('pods')
  const [namespace, setNamespace] = useState('default')
  const [commandId, setCommandId] = useState<string | undefined>()
  const answer = useAppState((s) => s.kubectl.find((k) => k.commandId === commandId))
  const submit = (event: SyntheticEvent<HTMLFormElement>) => {
    event.preventDefault()
    if (resource.trim() === '') return
    setCommandId(
      runKubectl(`auth can-i ${verb} ${resource.trim()} -n ${namespace.trim() || 'default'}`),
    )
  }
  return (
    <form className="can-i" onSubmit={submit} aria-label="Can I">
      <span>Can I</span>
      <label className="visually-hidden" htmlFor="can-i-verb">
        Verb
      </label>
      <select
        id="can-i-verb"
        value={verb}
        onChange={(e) => {
          setVerb(e.target.value)
        }}
      >
        {VERBS.map((v) => (
          <option key={v}>{v}</option>
        ))}
      </select>
      <label className="visually-hidden" htmlFor="can-i-resource">
        Resource
      </label>
      <input
        id="can-i-resource"
        value={resource}
        size={10}
        onChange={(e) => {
          setResource(e.target.value)
        }}
      />
      <label htmlFor="can-i-namespace">in</label>
      <input
        id="can-i-namespace"
        value={namespace}
        size={9}
        onChange={(e) => {
          setNamespace(e.target.value)
        }}
      />
      <button type="submit">Ask</button>
      {answer && (
        <output
          className={answer.exitCode === 0 ? 'kubectl-ok' : 'kubectl-error'}
          data-testid="can-i-answer"
        >
          {answer.output}
        </output>
      )}
    </form>
  )
}
