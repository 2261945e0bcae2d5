import type { WebClient } from '@slack/web-api';
import { displayName, type Person } from '../domain/person';
import { effectiveCadence } from '../domain/settings';
import type { GoalService } from '../services/goal.service';
import type { OrgService } from '../services/org.service';
import type { SettingsService } from '../services/settings.service';
import { buildAdminSection } from '../views/home/admin.section';
import { buildHomeView } from '../views/home/home.view';
import { buildPeopleSection } from '../views/home/people.section';
import { describePersonal } from '../views/settings/settings.format';

export interface HomeDeps {
  goals: GoalService;
  org: OrgService;
  settings: SettingsService;
}

/** Renders and publishes a person's Home tab from what they may see now. */
export async function publishHome(client: WebClient, deps: HomeDeps, person: Person): Promise<void> {
  const [goals, overview, settings] = await Promise.all([
    deps.goals.listOwn(person),
    deps.org.overview(person),
    deps.settings.forPerson(person),
  ]);
  const today = deps.goals.today(person);
  const sections = buildPeopleSection({
    overview,
    settingsSummary: describePersonal(settings.personal, effectiveCadence(settings.workspace, settings.personal), today),
  });
  if (person.isAdmin) sections.push(...buildAdminSection({ summary: await deps.org.summary(person), workspace: settings.workspace }));
  const view = buildHomeView({ name: displayName(person), goals, today, sections });
  await client.views.publish({ user_id: person.slackUserId, view });
}
