/** Golden files are imported as text through Vite's `?raw` suffix (tests only). */
declare module '*.txt?raw' {
  const text: string
  export default text
}
