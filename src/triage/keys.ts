// Keyboard triage on the inbox page (SPEC §3.4): which command a key press means, or null. Never
// while the user types in a field, and never with Ctrl, Alt or Meta (those belong to the browser).
export type TriageCommand = 'next' | 'previous' | 'open' | 'done' | 'toggleRead' | 'snooze' | 'select' | 'delete' | 'undo' | 'search' | 'help'

const COMMANDS: Record<string, TriageCommand> = {
  'j': 'next',
  'k': 'previous',
  'Enter': 'open',
  'e': 'done',
  'u': 'toggleRead',
  's': 'snooze',
  'x': 'select',
  '#': 'delete',
  'z': 'undo',
  '/': 'search',
  '?': 'help',
}

/** A key of the inbox page and what it does. */
export interface TriageKey {
  /** The `KeyboardEvent.key` it answers to. */
  key: string
  /** What it does. */
  command: TriageCommand
}

/** The keys in the order the help dialog lists them. */
export const TRIAGE_KEYS: TriageKey[] = Object.entries(COMMANDS).map(([key, command]) => ({ key, command }))

function isTyping(target: EventTarget | null): boolean {
  if (!target || typeof (target as Element).closest !== 'function')
    return false
  const element = target as HTMLElement
  return element.isContentEditable || !!element.closest('input, textarea, select, [contenteditable=""], [contenteditable="true"], [role="textbox"]')
}

export function triageCommandOf(event: Pick<KeyboardEvent, 'key' | 'target' | 'ctrlKey' | 'altKey' | 'metaKey' | 'isComposing'>): TriageCommand | null {
  if (event.ctrlKey || event.altKey || event.metaKey || event.isComposing || isTyping(event.target))
    return null
  return COMMANDS[event.key] ?? null
}
