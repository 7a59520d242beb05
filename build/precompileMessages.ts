// Vite plugin: turns the app's locale messages into vue-i18n's message AST at build time, so the app
// ships without vue-i18n's message compiler (`__INTLIFY_DROP_MESSAGE_COMPILER__`, see vite.config.ts).
// It does for our TypeScript locale files what @intlify/unplugin-vue-i18n does for JSON/YAML ones,
// with the compiler of the same version the runtime formats (@intlify/message-compiler).
import * as messageCompiler from '@intlify/message-compiler'
import { baseCompile, type CompileError } from '@intlify/message-compiler'
import type { Plugin } from 'vite'

export interface PrecompileMessagesOptions {
  /**
   * Modules holding locale messages: object literals whose leaves are message strings.
   * @default /\/src\/i18n\/locales\/[^/]+\.ts$/
   */
  include?: RegExp
}

interface Node { type: string, start: number, end: number }
interface Property extends Node { key: Node & { name?: string, value?: unknown }, value: Node & { value?: unknown } }
interface ObjectExpression extends Node { properties: (Property | Node)[] }

// Under NODE_ENV=production the compiler's errors carry only a code; its table (exported, untyped) has the words.
const errorTexts = (messageCompiler as { errorMessages?: Record<number, string> }).errorMessages ?? {}

/** One message string → its AST as JavaScript source; a syntax error names the message. */
function compileMessage(message: string, path: string): string {
  const errors: string[] = []
  const { ast } = baseCompile(message, {
    jit: true,
    minify: true,
    location: false,
    onError: (error: CompileError) => errors.push(errorTexts[error.code] ?? error.message),
  })
  if (errors.length)
    throw new Error(`message "${path}" (${JSON.stringify(message)}) does not compile: ${errors.join('; ')}`)
  return JSON.stringify(ast)
}

/** Replacements (start, end, text) for every message string inside a messages object. */
function messageReplacements(object: ObjectExpression, prefix: string): [number, number, string][] {
  return object.properties.flatMap((property): [number, number, string][] => {
    if (property.type !== 'Property')
      throw new Error(`${prefix || 'messages'}: only plain properties are allowed (found ${property.type})`)
    const { key, value } = property as Property
    const path = `${prefix}${prefix ? '.' : ''}${key.name ?? String(key.value)}`
    if (value.type === 'ObjectExpression')
      return messageReplacements(value as ObjectExpression, path)
    if (value.type === 'Literal' && typeof value.value === 'string')
      return [[value.start, value.end, compileMessage(value.value, path)]]
    throw new Error(`message "${path}" must be a string literal (found ${value.type}): it is compiled at build time`)
  })
}

/** The object literals a locale module declares (`const zhCN = {...}`, `export default {...}`). */
function messageObjects(program: { body: Node[] }): ObjectExpression[] {
  return program.body.flatMap((statement) => {
    const declaration = statement.type === 'ExportDefaultDeclaration' || statement.type === 'ExportNamedDeclaration'
      ? (statement as Node & { declaration: Node | null }).declaration
      : statement
    if (declaration?.type === 'ObjectExpression')
      return [declaration as ObjectExpression]
    if (declaration?.type === 'VariableDeclaration') {
      return (declaration as Node & { declarations: { init: Node | null }[] }).declarations
        .flatMap(({ init }) => (init?.type === 'ObjectExpression' ? [init as ObjectExpression] : []))
    }
    return []
  })
}

export function precompileMessages(options: PrecompileMessagesOptions = {}): Plugin {
  const include = options.include ?? /\/src\/i18n\/locales\/[^/]+\.ts$/
  return {
    name: 'tidings:precompile-messages',
    // After TypeScript is stripped: the module is plain JavaScript object literals by then.
    enforce: 'post',
    transform(code, id) {
      if (!include.test(id.split('?')[0]))
        return null
      const objects = messageObjects(this.parse(code) as unknown as { body: Node[] })
      if (objects.length === 0)
        this.error(`${id}: no messages object found`)
      let replacements: [number, number, string][]
      try {
        replacements = objects.flatMap(object => messageReplacements(object, ''))
      }
      catch (error) {
        this.error(`${id}: ${(error as Error).message}`)
      }
      let output = code
      for (const [start, end, text] of replacements.sort((a, b) => b[0] - a[0]))
        output = output.slice(0, start) + text + output.slice(end)
      return { code: output, map: null }
    },
  }
}
