/**
 * A call to the outside world bounded in time: past `ms` the call is aborted (its signal) and the
 * caller gets `timeoutError()` instead of waiting. The adapters that may be slow (the NLP adapter,
 * the semantic path) count a timeout as a failure, like an exception.
 */
export async function withinDeadline<T>(run: (signal: AbortSignal) => Promise<T>, ms: number, timeoutError: () => Error): Promise<T> {
  const abort = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      abort.abort();
      reject(timeoutError());
    }, ms);
  });
  try {
    return await Promise.race([run(abort.signal), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
