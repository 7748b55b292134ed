// What the hub's page offers, from api/jobs: a hub whose runs something else starts (a relay,
// which reads them from Redis) says so in place of its jobs, rather than showing forms that cannot work.

const NO_OPERATORS = 'Nobody can start jobs from this hub: it was started without --operators. Runs can be watched.';

/** { jobs, login, notice }: whether to show the jobs and the login form, and what to say at the top. */
export function hubMode(jobs) {
  if (jobs.readOnly) return { jobs: false, login: false, notice: jobs.readOnly };
  if (!jobs.canStart) return { jobs: true, login: false, notice: NO_OPERATORS };
  return { jobs: true, login: true, notice: '' };
}
