import type { WebClient } from '@slack/web-api';
import { displayName, type Person } from '../domain/person';
import type { GoalService } from '../services/goal.service';
import { buildHomeView } from '../views/home/home.view';

/** Renders and publishes a person's Home tab from what they may see now. */
export async function publishHome(client: WebClient, goals: GoalService, person: Person): Promise<void> {
  const view = buildHomeView({ name: displayName(person), goals: await goals.listOwn(person), today: goals.today(person) });
  await client.views.publish({ user_id: person.slackUserId, view });
}
