import { MapComponent, type MapComponentProps } from './MapComponent'
import { useAuthLine } from './use-auth-line'

/**
 * kube-apiserver's box. While recent, its status line is what its authentication and
 * authorization filters made of the student's latest request ("bob: authn ✓ · RBAC ✗ 403");
 * otherwise the map's status line. Only this box subscribes to the decisions.
 */
export function ApiServerComponent(props: MapComponentProps) {
  const auth = useAuthLine()
  if (auth.text === '') return <MapComponent {...props} />
  return (
    <MapComponent
      {...props}
      sub={auth.text}
      subClass={`auth-line${auth.denied ? ' denied' : ''}`}
      subTestId="auth-line"
    />
  )
}
