import type { Component } from 'vue'

/** One entry of a DeferredDropdown. */
export interface MenuEntry {
  /** What `command` is emitted with when the entry is chosen. */
  command: string
  label: string
  disabled?: boolean
  /** A rule above the entry. */
  divided?: boolean
  icon?: Component
  /** The entry's language, when it is written in one other than the page's (language names). */
  lang?: string
  /** The entry is the current choice: marked for sight and for screen readers. */
  current?: boolean
}
