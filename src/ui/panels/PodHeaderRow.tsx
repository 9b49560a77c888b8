/** The column headings of a Pods table, as `kubectl get pods -o wide` prints them. */
export function PodHeaderRow() {
  return (
    <tr>
      <th scope="col">NAME</th>
      <th scope="col">READY</th>
      <th scope="col">STATUS</th>
      <th scope="col">RESTARTS</th>
      <th scope="col">AGE</th>
      <th scope="col">IP</th>
      <th scope="col">NODE</th>
    </tr>
  )
}
