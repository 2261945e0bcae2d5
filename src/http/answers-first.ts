/**
 * Slack's answers before follow-up work. A command or a button is acknowledged first and does its
 * work after (reading Postgres, opening a modal); in a burst, that work of the first requests
 * takes the one thread from the later ones' acknowledgements, which Slack times. Follow-up work
 * waits here until no Slack request has been waiting for its answer for `quietMs`, and not longer
 * than `maxWaitMs` (a modal's trigger stays valid for 3 seconds from the click).
 */
export interface AnswersFirst {
  /** A request to be answered has arrived; call what is returned once it is answered. */
  arrived(): () => void;
  /** Resolves once every request that arrived has been answered for `quietMs`, or after `maxWaitMs`. */
  answered(): Promise<void>;
}

/**
 * 20 ms without an unanswered request ends a burst; a second at most is a third of the 3 seconds
 * a modal's trigger lasts, so a sustained burst delays a modal, never loses it.
 */
const ANSWERS_FIRST_TIMING = { quietMs: 20, maxWaitMs: 1000 } as const;

export function createAnswersFirst(options: { maxWaitMs: number; quietMs: number } = ANSWERS_FIRST_TIMING): AnswersFirst {
  let unanswered = 0;
  const waiting = new Set<() => void>();
  let quiet: NodeJS.Timeout | undefined;

  // A burst's requests reach the process a few at a time: the count falling to zero between two
  // of them is not the end of the burst, so it must stay there for `quietMs` first.
  const releaseWhenQuiet = () => {
    clearTimeout(quiet);
    quiet = setTimeout(() => {
      if (unanswered > 0) return;
      for (const release of waiting) release();
    }, options.quietMs);
  };

  return {
    arrived() {
      unanswered += 1;
      let done = false;
      return () => {
        if (done) return;
        done = true;
        unanswered -= 1;
        if (unanswered === 0 && waiting.size > 0) releaseWhenQuiet();
      };
    },
    answered() {
      return new Promise((resolve) => {
        const release = () => {
          clearTimeout(deadline);
          waiting.delete(release);
          resolve();
        };
        const deadline = setTimeout(release, options.maxWaitMs);
        waiting.add(release);
        if (unanswered === 0) releaseWhenQuiet();
      });
    },
  };
}
