// Mounting helpers for presentational components: the app's real i18n (zh-CN by default, like the
// app) and a memory router so RouterLinks render; no store is involved.
import { mount, type ComponentMountingOptions } from '@vue/test-utils'
import { createMemoryHistory, createRouter } from 'vue-router'
import type { Component } from 'vue'
import { createAppI18n, type AppLocale } from '@/i18n'

export function mountWithApp<C extends Component>(
  component: C,
  options: ComponentMountingOptions<C> & { locale?: AppLocale } = {},
) {
  const { locale = 'en', global, ...rest } = options
  const i18n = createAppI18n(locale)
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [{ path: '/:pathMatch(.*)*', component: { render: () => null } }],
  })
  return mount(component, {
    attachTo: document.body,
    ...rest,
    global: { ...global, plugins: [i18n, router, ...(global?.plugins ?? [])] },
  } as ComponentMountingOptions<C>)
}
