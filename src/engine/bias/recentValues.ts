/**
 * What was worked out for a text value, kept for the values seen most recently, so a value that repeats
 * (templated text, "ok", a default comment: a common shape of real datasets) is worked out once. Bounded twice:
 * values longer than `maxLength` are not kept (long text rarely repeats exactly, and keying a Map by it costs a
 * hash of its length), and when `capacity` values are held they are all dropped, which costs one more working-out
 * per value then and keeps no order per lookup. A plain Map: what it saves (a fingerprint or a lexicon pass over
 * the value) costs ten times a lookup.
 */
export class RecentValues<T> {
  private readonly known = new Map<string, T>();

  constructor(
    private readonly capacity = 16_384,
    private readonly maxLength = 1024,
  ) {}

  get(value: string): T | undefined {
    return value.length <= this.maxLength ? this.known.get(value) : undefined;
  }

  set(value: string, answer: T): void {
    if (value.length > this.maxLength || this.capacity === 0) return;
    if (this.known.size >= this.capacity) this.known.clear();
    this.known.set(value, answer);
  }
}
