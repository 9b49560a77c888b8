export type RulesTable = 'nat' | 'filter' | 'ipvs'

interface RulesControlsProps {
  nodes: string[]
  node: string | undefined
  tables: RulesTable[]
  table: RulesTable
  services: string[]
  service: string | undefined
  only: boolean
  onNode: (node: string) => void
  onTable: (table: RulesTable) => void
  onService: (service: string) => void
  onOnly: (only: boolean) => void
}

/** Which node, which table, which Service to highlight, and whether to hide the rest. */
export function RulesControls(props: RulesControlsProps) {
  const { nodes, node, tables, table, services, service, only } = props
  return (
    <div className="rules-controls">
      <label>
        node{' '}
        <select
          value={node ?? ''}
          onChange={(e) => {
            props.onNode(e.target.value)
          }}
          data-testid="rules-node"
        >
          {nodes.map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
      </label>
      <div role="group" aria-label="Table" className="rules-tables">
        {tables.map((t) => (
          <button
            key={t}
            type="button"
            aria-pressed={table === t}
            className={table === t ? 'primary' : undefined}
            onClick={() => {
              props.onTable(t)
            }}
            data-testid={`rules-table-${t}`}
          >
            {t === 'ipvs' ? 'ipvsadm -Ln' : `-t ${t}`}
          </button>
        ))}
      </div>
      <label>
        highlight{' '}
        <select
          value={service ?? ''}
          onChange={(e) => {
            props.onService(e.target.value)
          }}
          data-testid="rules-service"
        >
          {services.map((k) => (
            <option key={k} value={k}>
              {k}
            </option>
          ))}
        </select>
      </label>
      <label>
        <input
          type="checkbox"
          checked={only}
          onChange={(e) => {
            props.onOnly(e.target.checked)
          }}
          data-testid="rules-only"
        />{' '}
        only its lines
      </label>
    </div>
  )
}
