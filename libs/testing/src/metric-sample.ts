/** Every sample of a Prometheus exposition, by its series as exposed (`name{labels}`). */
export function metricSamples(exposition: string): Map<string, number> {
  const samples = new Map<string, number>();
  for (const line of exposition.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const space = line.lastIndexOf(' ');
    samples.set(line.slice(0, space), Number(line.slice(space + 1)));
  }
  return samples;
}

/** One sample of a process's /metrics (`series` with its labels, as exposed), 0 when the series has not been touched yet. */
export async function metricSample(processUrl: string, series: string): Promise<number> {
  return metricSamples(await (await fetch(`${processUrl}/metrics`)).text()).get(series) ?? 0;
}
