// While the connection waits out a backoff, a cheap HTTP request every second tells whether the
// server answers again, so a server back from an outage is noticed within about a second rather
// than at the next attempt (which may be 30 s away). A server that answers from the first probe on
// is up and the socket failed for another reason: then the backoff alone decides, so a blocked
// socket is not hammered once per second. "Away" is remembered from one wait to the next until the
// server is reported back: a server restarting can refuse an attempt and answer the probe right after
// it, and that client must not sit out a 16 s backoff (the reconnect-storm benchmark's slowest 1 %).

export interface ServerProbeOptions {
  /** True when the server answered (any status under 500; a proxy says 502 while the backend is away). */
  probe: () => Promise<boolean>
  /** Time between probes (ms). */
  interval: number
  /** The server answered after at least one probe found it away. */
  onBack: () => void
}

export interface ServerProbe {
  /** Starts probing at once (again from scratch when already probing). */
  start: () => void
  stop: () => void
}

export function createServerProbe(options: ServerProbeOptions): ServerProbe {
  let round = 0
  let timer: ReturnType<typeof setTimeout> | undefined
  /** A probe found the server away, in this wait or an earlier one, and its return was not reported yet. */
  let sawDown = false

  function stop(): void {
    round += 1
    clearTimeout(timer)
    timer = undefined
  }

  function start(): void {
    stop()
    const mine = round
    const tick = async () => {
      const answered = await options.probe().catch(() => false)
      if (mine !== round)
        return
      if (answered) {
        stop()
        if (sawDown) {
          sawDown = false
          options.onBack()
        }
        return
      }
      sawDown = true
      timer = setTimeout(tick, options.interval)
    }
    void tick()
  }

  return { start, stop }
}

/** A GET of `url` that proves the server (not just a proxy in front of it) is there. */
export async function serverAnswers(url: string, fetchImpl: typeof fetch = globalThis.fetch): Promise<boolean> {
  const response = await fetchImpl(url, { cache: 'no-store', credentials: 'omit' })
  return response.status < 500
}
