/**
 * What a scoped reader may be answered, as a filter every query carries: the corps, and within each
 * the employees whose business it sees. A message is in scope when its sender or any of its recipients
 * is an employee in scope, an alert when its employee is. An empty scope lets nothing through.
 */
export type ReadScope = readonly CorpInScope[];

export interface CorpInScope {
  corpId: string;
  /**
   * Userids of the employees in scope; absent: the whole corp, alerts about no employee included. Can
   * name tens of thousands of employees: adapters pass it as one value, never one parameter each.
   */
  userids?: readonly string[];
}
