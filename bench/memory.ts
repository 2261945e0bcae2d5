/** Samples this process's memory: Cadence's, since the emulator, Postgres and Redis run in processes of their own. */
export function sampleMemory(intervalMs = 100): { stop(): { peakRssMb: number; peakHeapMb: number } } {
  let peakRss = 0;
  let peakHeap = 0;
  const sample = () => {
    const usage = process.memoryUsage();
    peakRss = Math.max(peakRss, usage.rss);
    peakHeap = Math.max(peakHeap, usage.heapUsed);
  };
  sample();
  const timer = setInterval(sample, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      sample();
      return { peakRssMb: peakRss / 2 ** 20, peakHeapMb: peakHeap / 2 ** 20 };
    },
  };
}
