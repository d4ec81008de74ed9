/** One sample of a process's /metrics (`series` with its labels, as exposed), 0 when the series has not been touched yet. */
export async function metricSample(processUrl: string, series: string): Promise<number> {
  const text = await (await fetch(`${processUrl}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line ? Number(line.split(' ').pop()) : 0;
}
