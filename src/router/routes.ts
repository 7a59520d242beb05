import type { RouteRecordRaw } from 'vue-router'
import { lazyChunk } from '@/utils/lazyChunk'

declare module 'vue-router' {
  interface RouteMeta {
    /** Only for signed-in users; others go to /login?redirect=... */
    requiresAuth?: boolean
    /** Only for signed-out users (the login page); signed-in users go on to their redirect. */
    guestOnly?: boolean
    /** i18n key of the page title. */
    titleKey?: string
  }
}

// Every page is its own chunk: the first screen only downloads what it shows. A chunk that fails
// to download fails that navigation only (the router shows it and the next one imports again).
export const routes: RouteRecordRaw[] = [
  {
    path: '/login',
    name: 'login',
    component: lazyChunk(() => import('@/views/LoginView.vue')),
    meta: { guestOnly: true, titleKey: 'login.title' },
  },
  {
    path: '/',
    component: lazyChunk(() => import('@/views/shell/AppLayout.vue')),
    meta: { requiresAuth: true },
    children: [
      { path: '', redirect: { name: 'notifications' } },
      {
        path: 'notifications',
        name: 'notifications',
        component: lazyChunk(() => import('@/views/NotificationsView.vue')),
        meta: { titleKey: 'nav.notifications' },
      },
      {
        path: 'tasks',
        name: 'tasks',
        component: lazyChunk(() => import('@/views/TasksView.vue')),
        meta: { titleKey: 'nav.tasks' },
      },
      {
        path: 'stocks/:code',
        name: 'stock',
        component: lazyChunk(() => import('@/views/StockView.vue')),
        props: true,
        meta: { titleKey: 'stock.latest' },
      },
      {
        path: 'stats',
        name: 'stats',
        component: lazyChunk(() => import('@/views/StatsView.vue')),
        meta: { titleKey: 'nav.stats' },
      },
      {
        path: 'settings',
        name: 'settings',
        component: lazyChunk(() => import('@/views/SettingsView.vue')),
        meta: { titleKey: 'nav.settings' },
      },
      {
        path: ':pathMatch(.*)*',
        name: 'not-found',
        component: lazyChunk(() => import('@/views/NotFoundView.vue')),
        meta: { titleKey: 'notFound.title' },
      },
    ],
  },
]
