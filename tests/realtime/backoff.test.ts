import { backoffDelay } from '../../src/realtime'

const documented = { base: 1000, cap: 30_000, jitter: 0 }
const fullJitter = { base: 1000, cap: 30_000, jitter: 1 }

test('without jitter the delays are the document\'s min(1000·2^n, 30000)', () => {
  const delays = Array.from({ length: 8 }, (_, n) => backoffDelay(n, documented))
  expect(delays).toEqual([1000, 2000, 4000, 8000, 16_000, 30_000, 30_000, 30_000])
})

test('with full jitter every delay stays between 0 and its ceiling', () => {
  let seed = 7
  const random = () => {
    seed = (seed * 16_807) % 2_147_483_647
    return (seed - 1) / 2_147_483_646
  }
  for (let attempt = 0; attempt < 12; attempt++) {
    const ceiling = Math.min(1000 * 2 ** attempt, 30_000)
    for (let draw = 0; draw < 200; draw++) {
      const delay = backoffDelay(attempt, fullJitter, random)
      expect(delay).toBeGreaterThanOrEqual(0)
      expect(delay).toBeLessThanOrEqual(ceiling)
    }
  }
})

test('full jitter uses the whole range, so tabs that lost the server together come back apart', () => {
  expect(backoffDelay(3, fullJitter, () => 0)).toBe(8000)
  expect(backoffDelay(3, fullJitter, () => 0.5)).toBe(4000)
  expect(backoffDelay(3, fullJitter, () => 0.999)).toBeLessThan(10)
})

test('a partial jitter keeps the delay in the upper part of the range', () => {
  const delays = [0, 0.5, 0.999].map(r => backoffDelay(2, { base: 1000, cap: 30_000, jitter: 0.5 }, () => r))
  expect(delays).toEqual([4000, 3000, 2002])
})
