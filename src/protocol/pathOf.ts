// A route's path with its `:name` segments filled in. Apart from the route table (./routes.ts) so the
// REST client (src/api/http.ts), which every page loads, does not take the table's zod schemas along.
import type { RouteSpec } from './routes'

type ParamNames<Path extends string> =
  Path extends `${string}:${infer Name}/${infer Rest}` ? Name | ParamNames<`/${Rest}`>
    : Path extends `${string}:${infer Name}` ? Name : never
/** The `:name` segments of a path pattern, as an object of their values. */
export type PathParams<Path extends string> = { [Name in ParamNames<Path>]: string }

const PARAM = /:(\w+)/g

/** A route's path with its `:name` segments filled in (each URI-encoded). */
export function pathOf<Path extends string>(route: RouteSpec<Path, unknown>, ...[params]: ParamNames<Path> extends never ? [] : [PathParams<Path>]): string {
  const values = (params ?? {}) as Record<string, string>
  return route.path.replace(PARAM, (_segment, name: string) => encodeURIComponent(values[name]!))
}
