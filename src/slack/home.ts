import type { WebClient } from '@slack/web-api';
import { displayName, type Person } from '../domain/person';
import { effectiveCadence } from '../domain/settings';
import type { Clock } from '../lib/clock';
import type { Logger } from '../lib/logger';
import type { AiService } from '../services/ai.service';
import type { CheckinService } from '../services/checkin.service';
import type { DeliveryProblemsService } from '../services/delivery-problems.service';
import type { FeedbackRequestService } from '../services/feedback-request.service';
import type { GoalService } from '../services/goal.service';
import type { IntegrationService } from '../services/integration.service';
import type { InboundTranscriptService } from '../services/inbound-transcript.service';
import type { OrgService } from '../services/org.service';
import type { ReviewAdminService } from '../services/review-admin.service';
import type { ReviewService } from '../services/review.service';
import type { SettingsService } from '../services/settings.service';
import { viewerContext } from '../views/goal/goal.format';
import { AI_USAGE_DAYS, buildAdminSection } from '../views/home/admin.section';
import { buildCheckinSection } from '../views/home/checkin.section';
import { buildDeliveryProblemsLine } from '../views/home/delivery.section';
import { buildFeedbackSection } from '../views/home/feedback.section';
import { buildSharedGoalsSection, buildTeamGoalsSection } from '../views/home/goals.section';
import { buildHomeView } from '../views/home/home.view';
import { buildIntegrationProblemsLine, buildTranscriptsSection } from '../views/home/integrations.section';
import { buildPeopleSection } from '../views/home/people.section';
import { buildReviewsSection } from '../views/home/reviews.section';
import { describePersonal } from '../views/settings/settings.format';

export interface HomeDeps {
  goals: GoalService;
  org: OrgService;
  settings: SettingsService;
  feedbackRequests: FeedbackRequestService;
  clock: Clock;
  checkins: CheckinService;
  deliveryProblems: DeliveryProblemsService;
  reviews: ReviewService;
  reviewAdmin: ReviewAdminService;
  ai: AiService;
  integrations: IntegrationService;
  inboundTranscripts: InboundTranscriptService;
}

/** Renders and publishes a person's Home tab from what they may see now. */
export async function publishHome(client: WebClient, deps: HomeDeps, person: Person): Promise<void> {
  const [goals, team, shared, overview, settings, checkin] = await Promise.all([
    deps.goals.listOwn(person),
    deps.goals.team(person),
    deps.goals.shared(person),
    deps.org.overview(person),
    deps.settings.forPerson(person),
    deps.checkins.next(person),
  ]);
  const today = deps.goals.today(person);
  const goalView = viewerContext(person, today);
  const sections = [...buildCheckinSection({ next: checkin, timezone: person.timezone })];
  sections.push(...buildTeamGoalsSection(team, goalView), ...buildSharedGoalsSection(shared, goalView));
  sections.push(...buildPeopleSection({
    overview,
    ownIntegrations: !person.isAdmin,
    settingsSummary: describePersonal(settings.personal, effectiveCadence(settings.workspace, settings.personal), today),
  }));
  sections.push(...buildFeedbackSection({ overview: await deps.feedbackRequests.overview(person), reader: person, now: deps.clock.now() }));
  const running = person.isAdmin ? (await deps.reviewAdmin.cycles(person)).filter((cycle) => cycle.status === 'active') : [];
  const completions = await Promise.all(running.map((cycle) => deps.reviewAdmin.completion(person, cycle.id)));
  sections.push(...buildReviewsSection({ waiting: await deps.reviews.waiting(person), cycles: completions, reader: person, now: deps.clock.now() }));
  sections.push(...buildTranscriptsSection(await deps.inboundTranscripts.pending(person), person.timezone));
  if (person.isAdmin) {
    const [summary, aiUsage, organization] = await Promise.all([
      deps.org.summary(person),
      deps.ai.usage(person, deps.clock.now().minus({ days: AI_USAGE_DAYS })),
      deps.settings.forAdmin(person),
    ]);
    // Only an organization whose workspaces set their own settings lists them.
    const teams = organization.scope === 'team' ? await deps.settings.teams(person) : [];
    sections.push(...buildAdminSection({ summary, workspace: organization, teams, aiUsage }));
    sections.push(...buildDeliveryProblemsLine(await deps.deliveryProblems.count(person)));
    sections.push(...buildIntegrationProblemsLine((await deps.integrations.connections(person)).workspace));
  }
  const view = buildHomeView({ name: displayName(person), goals, view: goalView, sections });
  await client.views.publish({ user_id: person.slackUserId, view });
}

/** The Home tab again after something on it changed; a failure only leaves it stale, so it is logged. */
export async function refreshHome(client: WebClient, deps: HomeDeps & { logger: Logger }, person: Person): Promise<void> {
  await publishHome(client, deps, person).catch((error: unknown) => deps.logger.warn({ err: error, person: person.id }, 'could not refresh the Home tab'));
}
