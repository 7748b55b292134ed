// What the hub's page offers, from api/jobs: a hub whose runs something else starts (a relay,
// which reads them from Redis) says so in place of its jobs, rather than showing forms that cannot work.

const NO_OPERATORS = 'Nobody can start jobs from this hub: it was started without --operators. Runs can be watched.';

/**
 * { jobs, login, notice, level }: whether to show the jobs and the login form, what to say at the
 * top, and how ('lost' while starts are refused, such as past --max-disk).
 */
export function hubMode(jobs) {
  if (jobs.readOnly) return { jobs: false, login: false, notice: jobs.readOnly, level: undefined };
  if (!jobs.canStart) return { jobs: true, login: false, notice: NO_OPERATORS, level: undefined };
  if (jobs.refused) {
    return { jobs: true, login: true, notice: 'New runs are refused now: ' + jobs.refused + '.', level: 'lost' };
  }
  return { jobs: true, login: true, notice: '', level: undefined };
}

/**
 * { notice, level } to show while the run list says `problem` (why it may be out of date, such as a
 * relay that cannot read Redis: it is then the list as last read), the same way as a refusal; with
 * no problem, what the hub's `mode` says.
 */
export function listNotice(mode, problem) {
  if (problem) {
    return { notice: 'The list of runs cannot be brought up to date: ' + problem + '. It shows the runs as last read.', level: 'lost' };
  }
  return { notice: mode.notice, level: mode.level };
}
