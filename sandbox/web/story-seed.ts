/**
 * What a review cycle needs in the story the page tells, set up the first time the sandbox starts:
 * the HR admin's review template, and Alex's evidence (goals with updates, a check-in, feedback
 * shared with the manager, a released 360 summary from three peers) so the offline AI drafts have
 * something to draw on. Everything goes through the services a person's clicks would reach, as the
 * person who would make it, so it is validated, audited and delivered like anything typed.
 */
import type { Deps } from '../../src/deps';
import { displayName, type Person } from '../../src/domain/person';
import type { ReviewQuestion } from '../../src/domain/review-template';
import { DEFAULT_TEAM_ID } from '../emulator/defaults';

type StoryDeps = Pick<Deps, 'people' | 'goals' | 'checkins' | 'feedbackNotes' | 'feedbackRequests' | 'feedbackAnswers' | 'reviewAdmin'>;

/** Who plays which part: the employee reviewed, the people who give feedback, the HR admin. */
export interface StoryCast {
  employee: string;
  peers: readonly [string, string, string];
  admin: string;
}

export const REVIEW_TEMPLATE_NAME = 'Half-year review';

const everyoneReads = ['employee', 'manager'] as const;

const REVIEW_QUESTIONS: ReviewQuestion[] = [
  { id: 'impact', kind: 'rating', prompt: 'Impact this half', labels: ['Below expectations', 'Meets expectations', 'Above expectations'], allowNa: false, answeredBy: ['self', 'manager'], readableBy: [...everyoneReads] },
  { id: 'wins', kind: 'text', prompt: 'What went well this half, and what made it work?', wordLimit: 300, answeredBy: ['self'], readableBy: [...everyoneReads, 'hr'] },
  { id: 'growth', kind: 'text', prompt: 'Where do you want to grow next?', wordLimit: 200, answeredBy: ['self'], readableBy: [...everyoneReads] },
  { id: 'strengths', kind: 'text', prompt: 'Strengths, and what to work on next', wordLimit: 300, answeredBy: ['manager'], readableBy: [...everyoneReads] },
];

function must<T>(what: string, result: { ok: true; value: T } | { ok: false; errors: Partial<Record<string, string>> }): T {
  if (!result.ok) throw new Error(`${what}: ${Object.values(result.errors).join(' ')}`);
  return result.value;
}

async function goalsOf(deps: StoryDeps, alex: Person): Promise<void> {
  // One update each: the offline draft quotes at most six records, and the check-in should be among them.
  const onboarding = must(
    'the onboarding goal',
    await deps.goals.create(alex, { title: 'Launch the new onboarding flow', description: 'New teams reach their first check-in without help.', category: 'performance', targetDate: null }),
  );
  must(
    'an onboarding update',
    await deps.goals.updateProgress(alex, onboarding.goal.id, { status: 'on_track', note: 'Rolled out to every new team after the A/B test held; setup tickets halved.', values: [], percent: '70' }),
  );
  const observability = must(
    'the observability goal',
    await deps.goals.create(alex, { title: 'Make the payments service observable', description: 'Dashboards and alerts for every checkout endpoint.', category: 'development', targetDate: null }),
  );
  must(
    'an observability update',
    await deps.goals.updateProgress(alex, observability.goal.id, { status: 'at_risk', note: 'Checkout dashboards are live; alerts wait on access to the metrics stack.', values: [], percent: '40' }),
  );
}

async function checkinOf(deps: StoryDeps, alex: Person): Promise<void> {
  const { current } = await deps.checkins.next(alex);
  must(
    "Alex's check-in",
    await deps.checkins.submit(alex, current.period, {
      wins: 'Paired with Arjun to cut the flaky test suite from 14 failures a week to 2.',
      blockers: 'Waiting on a decision about which analytics vendor we keep.',
      confidence: '7',
      mood: null,
      moodShared: false,
    }),
  );
}

/** A 360 about the employee, answered by all three peers: released at once, above the anonymity threshold. */
async function feedbackAbout(deps: StoryDeps, alex: Person, peers: readonly Person[]): Promise<void> {
  const form = await deps.feedbackRequests.form(alex, null);
  const focusAreas = form.focusAreas.slice(0, 2);
  const { request } = must(
    "Alex's feedback request",
    await deps.feedbackRequests.create(alex, {
      subjectSlackId: null,
      peerSlackIds: peers.map((p) => p.slackUserId),
      focusAreas,
      customQuestion: null,
      dueOn: form.due.suggested,
      note: 'Ahead of my half-year review: what should I keep doing, and what should change?',
    }),
  );
  const answers = [
    {
      ratings: ['4', '5'],
      comments: ['Explains trade-offs clearly in design reviews, with numbers behind them.', 'Took the checkout outage from the first page to the write-up.'],
      strengths: 'Calm under pressure: the checkout outage never felt chaotic.',
      suggestions: 'Share work in progress earlier instead of polishing it alone.',
    },
    {
      ratings: ['5', '4'],
      comments: ['The onboarding metrics walkthrough made our design priorities obvious.', 'Follows through on every action item from the retro.'],
      strengths: 'Turns vague product questions into measurable goals.',
      suggestions: 'Bring design in before the technical plan is settled, not after.',
    },
    {
      // Low where the others are high: the synthesis has a disagreement to show.
      ratings: ['2', '5'],
      comments: ['Clear in writing; in large meetings quieter than the ideas deserve.', 'Owns problems to the end, including the boring parts.'],
      strengths: 'Reliable: what Alex commits to gets done.',
      suggestions: 'Speak up earlier in large meetings; the ideas are good.',
    },
  ];
  for (const [index, peer] of peers.entries()) {
    const answer = answers[index];
    if (!answer) break;
    must(`${displayName(peer)}'s feedback`, await deps.feedbackAnswers.answer(peer, request.id, { ...answer, ratings: answer.ratings.slice(0, focusAreas.length), comments: answer.comments.slice(0, focusAreas.length), customAnswer: null }));
  }
}

/**
 * Returns why part of the story could not be set up, if so; what was made stays. Without Dana as an
 * admin (ADMIN_SLACK_IDS names someone else) there is no template, but Alex's evidence is still made.
 */
export async function seedReviewStory(deps: StoryDeps, cast: StoryCast): Promise<string | undefined> {
  try {
    const person = async (slackId: string) => {
      const found = await deps.people.resolve(DEFAULT_TEAM_ID, slackId);
      if (!found) throw new Error(`${slackId} is not in the workspace`);
      return found;
    };
    const alex = await person(cast.employee);
    const peers = await Promise.all(cast.peers.map(person));
    await goalsOf(deps, alex);
    await checkinOf(deps, alex);
    must(
      'feedback for Alex',
      await deps.feedbackNotes.give(peers[1] ?? alex, {
        recipientSlackId: alex.slackUserId,
        body: 'Thanks for walking the design team through the onboarding funnel: it settled which screens we fix first.',
        shareWithManager: true,
      }),
    );
    await feedbackAbout(deps, alex, peers);

    const admin = await person(cast.admin);
    if (!admin.isAdmin) return `${displayName(admin)} is not an HR admin (ADMIN_SLACK_IDS names someone else), so there is no review template`;
    must('the review template', await deps.reviewAdmin.saveTemplate(admin, null, { name: REVIEW_TEMPLATE_NAME, questions: REVIEW_QUESTIONS }));
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  return undefined;
}
