interface OpenableAlert {
  alertId: string;
  dedupKey: string;
  msgids: string[];
  severity: 'info' | 'low' | 'medium' | 'high' | 'critical';
  excerpt: string;
  policyVersion: number;
  createdAt: number;
}

/** What `AlertStore.fileHit` needs to open the alert with its first hit, as a freshly raised alert. */
export function openingHit<A extends OpenableAlert>(alert: A) {
  return {
    alert,
    hit: { hitId: alert.dedupKey, msgid: alert.msgids[0] ?? '', severity: alert.severity, excerpt: alert.excerpt, policyVersion: alert.policyVersion, at: alert.createdAt },
    openSince: alert.createdAt,
    severityOf: (_hitCount: number, worst: A['severity']) => worst,
  };
}
