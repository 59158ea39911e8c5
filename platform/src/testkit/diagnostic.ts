/**
 * A line of figures a test reports beside its verdict (query counts, timings). Written straight to the
 * worker's stdout: jest's console capture would print each line with a stack frame under it.
 */
export function diagnostic(message: string): void {
  process.stdout.write(`# ${message}\n`);
}
