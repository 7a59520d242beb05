/// <reference types="vite/client" />
interface ImportMetaEnv {
  /** Base URL of the API when it is not the page's own origin, e.g. `http://localhost:8000`. */
  readonly VITE_API_BASE_URL?: string
}
interface ImportMeta {
  readonly env: ImportMetaEnv
}
declare module '*.vue' {
  import type { DefineComponent } from 'vue'
  const component: DefineComponent<object, object, unknown>
  export default component
}
