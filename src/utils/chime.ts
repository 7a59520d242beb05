// A short, quiet tone for arrivals whose type may sound (off by default). Made with Web Audio, so no
// audio file is downloaded; browsers allow it once the user has interacted with the page.
const MIN_GAP_MS = 1500
let context: AudioContext | null = null
let lastAt = 0

export function chime(): void {
  const AudioContextClass = globalThis.AudioContext
  if (!AudioContextClass || Date.now() - lastAt < MIN_GAP_MS)
    return
  lastAt = Date.now()
  try {
    context ??= new AudioContextClass()
    const start = context.currentTime
    const tone = context.createOscillator()
    const volume = context.createGain()
    tone.frequency.value = 880
    volume.gain.setValueAtTime(0.06, start)
    volume.gain.exponentialRampToValueAtTime(0.0001, start + 0.25)
    tone.connect(volume).connect(context.destination)
    tone.start(start)
    tone.stop(start + 0.25)
  }
  catch {
    // no audio device, or the browser refused: the toast and the badge still tell
  }
}
