// Supporting code: not an entry point, importable by handlers.
// Splits a stream of text chunks into lines, calling onLine for each complete one.
export function lines(onLine) {
  let pending = '';
  return (chunk) => {
    pending += chunk;
    let nl;
    while ((nl = pending.indexOf('\n')) >= 0) {
      const line = pending.slice(0, nl).replace(/\r$/, '');
      pending = pending.slice(nl + 1);
      if (line.length > 0) onLine(line);
    }
  };
}
