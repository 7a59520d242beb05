// Mounting helpers for presentational components: the app's real i18n and Tidings' language (English
// by default) and a memory router so RouterLinks render; no store is involved.
import { mount, type ComponentMountingOptions } from '@vue/test-utils'
import { createMemoryHistory, createRouter } from 'vue-router'
import type { Component } from 'vue'
import { NotificationActionsKey, type NotificationActions } from '@/components/notifications/actions'
import { createAppI18n, type AppLocale } from '@/i18n'
import { tidingsContext } from '../plugin/support'

/** Notification actions that record what the user asked for (the shell's real ones need the stores). */
export function recordingActions() {
  const asked: Array<[keyof NotificationActions, ...unknown[]]> = []
  const record = (name: keyof NotificationActions) => (...args: unknown[]) => {
    asked.push([name, ...args])
  }
  const names: Array<keyof NotificationActions> = ['open', 'markRead', 'markAllRead', 'toggleRead', 'done', 'restore', 'snooze', 'pickSnooze', 'remove', 'retry', 'viewAll']
  const actions = Object.fromEntries(names.map(name => [name, record(name)])) as unknown as NotificationActions
  return { actions, asked }
}

export function mountWithApp<C extends Component>(
  component: C,
  options: ComponentMountingOptions<C> & { locale?: AppLocale, actions?: NotificationActions } = {},
) {
  const { locale = 'en', global, actions = recordingActions().actions, ...rest } = options
  const i18n = createAppI18n(locale)
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [{ path: '/:pathMatch(.*)*', component: { render: () => null } }],
  })
  return mount(component, {
    attachTo: document.body,
    ...rest,
    global: {
      ...global,
      plugins: [i18n, tidingsContext(locale), router, ...(global?.plugins ?? [])],
      provide: { [NotificationActionsKey as symbol]: actions, ...global?.provide },
    },
  } as ComponentMountingOptions<C>)
}
