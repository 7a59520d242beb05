import { httpUrl, socketUrl } from '../../src/realtime'
import { withToken } from '../../src/realtime/url'

const page = (protocol: string, host = 'app.example.com') => ({ protocol, host })

test('uses the page\'s host and ws: on an http page', () => {
  expect(socketUrl('/api/ws/notifications', { baseUrl: '', location: page('http:') })).toBe('ws://app.example.com/api/ws/notifications')
})

test('uses wss: on an https page', () => {
  expect(socketUrl('/api/ws/notifications', { location: page('https:') })).toBe('wss://app.example.com/api/ws/notifications')
})

test('takes the host of VITE_API_BASE_URL, as the document does', () => {
  expect(socketUrl('/api/ws/tasks/t1', { baseUrl: 'http://localhost:8000/', location: page('http:', 'localhost:5173') }))
    .toBe('ws://localhost:8000/api/ws/tasks/t1')
})

test('an https API base gets wss: even from an http page', () => {
  expect(socketUrl('/api/ws/notifications', { baseUrl: 'https://api.example.com', location: page('http:') }))
    .toBe('wss://api.example.com/api/ws/notifications')
})

test('builds the SSE stream URL on the API base or the page origin', () => {
  expect(httpUrl('/api/notifications/stream', { baseUrl: 'http://localhost:8000' })).toBe('http://localhost:8000/api/notifications/stream')
  expect(httpUrl('/api/notifications/stream', { location: page('https:') })).toBe('https://app.example.com/api/notifications/stream')
})

test('the token travels escaped as ?token=, or as &token= after an existing query', () => {
  expect(withToken('ws://h/api/ws/notifications', 'a+b/c')).toBe('ws://h/api/ws/notifications?token=a%2Bb%2Fc')
  expect(withToken('http://h/api/notifications/stream?x=1', 't')).toBe('http://h/api/notifications/stream?x=1&token=t')
})
