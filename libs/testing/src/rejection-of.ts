/** What a promise rejected with; fails the test when it resolves. */
export async function rejectionOf(work: Promise<unknown>): Promise<Error> {
  const outcome = await work.then(
    () => undefined,
    (error: unknown) => error,
  );
  if (!(outcome instanceof Error)) throw new Error(`expected a rejection with an Error, got ${outcome === undefined ? 'a resolution' : String(outcome)}`);
  return outcome;
}
