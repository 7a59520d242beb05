import { h } from 'vue'
import RelativeTime from '@/components/common/RelativeTime.vue'
import { CLOCK_TICK_MS } from '@/components/common/clock'
import { mountWithApp } from './support'

afterEach(() => {
  vi.useRealTimers()
  document.body.innerHTML = ''
})

function mountTimes(datetimes: string[]) {
  return mountWithApp({ render: () => datetimes.map(datetime => h(RelativeTime, { datetime })) })
}

describe('RelativeTime', () => {
  test('a fresh notification says "just now", then its age once the shared clock ticks', async () => {
    vi.useFakeTimers({ now: new Date('2026-11-28T12:00:00Z') })
    const wrapper = mountTimes(['2026-11-28T12:00:00Z', '2026-11-28T11:00:00Z'])
    expect(wrapper.findAll('time').map(time => time.text())).toEqual(['just now', '1 hour ago'])

    await vi.advanceTimersByTimeAsync(2 * CLOCK_TICK_MS)
    expect(wrapper.findAll('time').map(time => time.text())).toEqual(['1 minute ago', '1 hour ago'])
  })

  test('names the full local date and time on hover', () => {
    const wrapper = mountTimes(['2026-11-28T11:00:00Z'])
    expect(wrapper.get('time').attributes('title')).toMatch(/2026/)
    expect(wrapper.get('time').attributes('datetime')).toBe('2026-11-28T11:00:00Z')
  })
})
