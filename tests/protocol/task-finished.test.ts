import { expect, test } from 'vitest'
import { isTaskFinished, TASK_STATUSES } from '../../src/protocol'

test('a task that completed or failed is finished, a pending or running one is not', () => {
  expect(TASK_STATUSES.filter(isTaskFinished)).toEqual(['completed', 'error'])
})
