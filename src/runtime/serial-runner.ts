/**
 * Runs `work` one at a time within a Durable Object instance. A request while it runs joins the
 * run and causes exactly one more run after it (however many requests arrive meanwhile), never a
 * parallel one: RPC calls and alarms interleave at every await on I/O, so the object's input
 * gate alone does not serialise them.
 */
export class SerialRunner<R> {
  private running: Promise<R> | null = null;
  private again = false;

  constructor(private readonly work: () => Promise<R>) {}

  run(): Promise<R> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    const loop = async (): Promise<R> => {
      try {
        let result: R;
        do {
          this.again = false;
          result = await this.work();
        } while (this.again);
        return result;
      } finally {
        this.running = null;
      }
    };
    this.running = loop();
    return this.running;
  }

  get busy(): boolean {
    return this.running !== null;
  }
}
