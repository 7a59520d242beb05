// Light or dark: the system's preference by default, or the user's choice (remembered). The page is
// dark when `<html>` has the `dark` class, which Element Plus' dark variables and src/styles/theme.css
// key on.
import { readonly, ref } from 'vue'
import { readStored, writeStored } from './safeStorage'

export const COLOR_SCHEMES = ['system', 'light', 'dark'] as const
export type ColorSchemeChoice = (typeof COLOR_SCHEMES)[number]

const STORAGE_KEY = 'tidings-color-scheme'
const choice = ref<ColorSchemeChoice>(storedChoice())

function storedChoice(): ColorSchemeChoice {
  const saved = readStored(STORAGE_KEY)
  return (COLOR_SCHEMES as readonly string[]).includes(saved ?? '') ? saved as ColorSchemeChoice : 'system'
}

function systemPrefersDark(): boolean {
  return globalThis.matchMedia?.('(prefers-color-scheme: dark)').matches ?? false
}

function applyColorScheme(): void {
  if (typeof document === 'undefined')
    return
  const dark = choice.value === 'dark' || (choice.value === 'system' && systemPrefersDark())
  document.documentElement.classList.toggle('dark', dark)
}

/** What the user chose (System follows the operating system). */
export const colorSchemeChoice = readonly(choice)

/** Remembers the choice and repaints at once. */
export function chooseColorScheme(next: ColorSchemeChoice): void {
  choice.value = next
  writeStored(STORAGE_KEY, next === 'system' ? null : next)
  applyColorScheme()
}

/** Applies the choice before the first paint and follows the system and other tabs from then on. */
export function startColorScheme(): void {
  applyColorScheme()
  globalThis.matchMedia?.('(prefers-color-scheme: dark)').addEventListener('change', applyColorScheme)
  globalThis.addEventListener?.('storage', (event) => {
    if (event.key === STORAGE_KEY || event.key === null) {
      choice.value = storedChoice()
      applyColorScheme()
    }
  })
}
