/**
 * Whether the page is hidden (a background tab, a minimised window): no animation frames, timers held
 * back, and nobody looking. False where there is no document (Node) or it is null (a disabled option).
 */
export function pageHidden(doc: { visibilityState?: string } | null | undefined = globalThis.document): boolean {
  return doc?.visibilityState === 'hidden'
}
