// One line per event (connect, close, error). Callers never pass a token or a URL with a query string.
/** How much a log line matters. */
export type LogLevel = 'info' | 'warn' | 'error'

/** Receives one finished log line. Tests pass `silentLogger`. */
export type Logger = (level: LogLevel, message: string) => void

export const consoleLogger: Logger = (level, message) => {
  const line = `${new Date().toISOString()} ${level.padEnd(5)} ${message}`
  if (level === 'info')
    console.log(line)
  else
    console.error(line)
}

export const silentLogger: Logger = () => {}
