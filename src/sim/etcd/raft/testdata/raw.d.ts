/** Vite's `?raw` import of a scenario file as a string. */
declare module '*.txt?raw' {
  const text: string
  export default text
}
