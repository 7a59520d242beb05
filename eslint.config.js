import pluginVue from 'eslint-plugin-vue'
import globals from 'globals'
import tseslint from 'typescript-eslint'


// The app in src/ is Tidings' first user: it reaches library code only through the package's entry
// points, as an installed app would; library code never reaches back into the app.
const APP_FILES = [
  'src/main.ts', 'src/App.vue', 'src/tidings.ts', 'src/router/**', 'src/views/**', 'src/i18n/**',
  'src/stores/auth.ts', 'src/api/auth.ts', 'src/api/stats.ts',
  'src/components/layout/{AppHeader,ColorSchemeSwitch,LanguageSwitch,PageHeader,UserMenu}.vue',
  'src/components/tasks/{TaskStartForm,TaskResult}.vue', 'src/components/tasks/analysisFields.ts',
  'src/components/stats/**',
]
const LIBRARY_INTERNALS = ['protocol', 'realtime', 'inbox', 'triage', 'plugin', 'components/notifications', 'testing']
  .flatMap(folder => [`@/${folder}`, `@/${folder}/*`])
const APP_ONLY = ['@/views/*', '@/router', '@/router/*', '@/i18n', '@/i18n/*', '@/tidings', '@/stores/auth', '@/api/auth', '@/api/stats']

export default tseslint.config(
  { ignores: ['dist/**', 'dist-lib/**', 'docs/api/**', 'examples/*/dist/**', 'node_modules/**', 'data/**', 'test-results/**', 'coverage/**'] },
  ...tseslint.configs.recommended,
  ...pluginVue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser } },
  },
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'vue/multi-word-component-names': 'off',
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
      'vue/no-v-html': 'error',
    },
  },
  {
    files: APP_FILES,
    rules: {
      'no-restricted-imports': ['error', { patterns: [{
        group: [...LIBRARY_INTERNALS, '@/stores/*', '!@/stores/auth', '@/api/*', '!@/api/auth', '!@/api/stats', '**/lib/*', '**/mock-server/**'],
        message: 'The app uses Tidings through its entry points: import from tidings, tidings/vue or tidings/element-plus.',
      }] }],
    },
  },
  {
    files: ['src/**/*.{ts,vue}', 'lib/**/*.ts', 'mock-server/**/*.ts'],
    ignores: APP_FILES,
    rules: {
      'no-restricted-imports': ['error', { patterns: [{
        group: APP_ONLY,
        message: 'Library code does not depend on the demo app (its views, router, i18n messages or sign-in).',
      }] }],
    },
  },
)
