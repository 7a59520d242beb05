/** CPU (user + system) this process spent since `mark`, a `process.cpuUsage()` reading, in ms. */
export function cpuMsSince(mark: NodeJS.CpuUsage): number {
  const spent = process.cpuUsage(mark)
  return (spent.user + spent.system) / 1000
}
