/**
 * How early a queued job may run and still do its work now rather than wait for its time, and how
 * early before someone's working time the delivery rule may send a message Cadence starts. It covers
 * clock drift between the process that queued the job, the worker and Redis (milliseconds), and no
 * more: a job that runs earlier than this waits the rest of the way (the services answer "later"),
 * so nothing is ever sent visibly before its moment, such as a nudge at 14:59 for 15:00.
 */
export const EARLY_TOLERANCE_MS = 1000;
