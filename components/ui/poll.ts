/**
 * refetchInterval for a detail query: poll every `ms` while the record is open (running), stop once it is final,
 * and do not poll a record that failed to load at all (not found); a query that has data keeps polling on errors.
 */
export function pollWhile<T>(open: (data: T) => boolean, ms: number) {
  return (query: { state: { data: T | undefined; status: string } }): number | false => {
    const { data, status } = query.state;
    if (data === undefined) return status === "error" ? false : ms;
    return open(data) ? ms : false;
  };
}
