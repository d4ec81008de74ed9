export interface SyslogTarget {
  protocol: 'udp' | 'tcp';
  host: string;
  port: number;
}

/** `udp://host:514` or `tcp://host:6514`; the config validates ALERT_SYSLOG_URL with this, so a bad URL stops the boot. */
export function parseSyslogUrl(url: string): SyslogTarget {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`ALERT_SYSLOG_URL is not a URL; expected udp://host:514 or tcp://host:6514, got ${url}`);
  }
  const protocol = parsed.protocol.slice(0, -1);
  if (protocol !== 'udp' && protocol !== 'tcp') throw new Error(`ALERT_SYSLOG_URL must start with udp:// or tcp://, got ${parsed.protocol}//`);
  const port = Number(parsed.port);
  if (!parsed.hostname || !Number.isInteger(port) || port < 1 || port > 65_535) {
    throw new Error(`ALERT_SYSLOG_URL must name a host and a port from 1 to 65535, e.g. ${protocol}://siem.example.com:514, got ${url}`);
  }
  return { protocol, host: parsed.hostname.replace(/^\[(.*)\]$/, '$1'), port };
}
