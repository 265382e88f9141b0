/**
 * `kdocs contracts | head`: when the reader of stdout goes away, stop quietly instead of dying on
 * an unhandled EPIPE 'error' event with a stack trace. What was asked for has been printed; the
 * exit status is 0, as for a reader that had everything.
 */
export function quietOnClosedStdout(stream: NodeJS.WriteStream = process.stdout): void {
  if ((stream as { kdocsEpipe?: boolean }).kdocsEpipe) return;
  (stream as { kdocsEpipe?: boolean }).kdocsEpipe = true;
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE' || err.code === 'ERR_STREAM_DESTROYED') process.exit(0);
    // any other write error is a real failure: report it once, without a stack trace
    process.stderr.write(`kdocs: cannot write the output: ${err.message}\n`);
    process.exit(2);
  });
}
