import type { BlockAction } from '@slack/bolt';
import { z } from 'zod';
import type { Person } from '../domain/person';
import type { Logger } from '../lib/logger';
import type { ReviewAdminService } from '../services/review-admin.service';
import { actionListener, type ListenerOutcome } from '../slack/listener';
import { buildNoticeModal } from '../views/access';
import { buildDocumentMessages } from '../views/admin/export.messages';
import { ReviewAdminAction } from '../views/ids';
import { escapeMrkdwn } from '../views/blocks';
import { buildCompetencyModal } from '../views/review-admin/competency.modal';
import { completionCsv } from '../views/review-admin/completion.csv';
import { buildAddPeopleModal, buildCalibrationModal, buildCycleModal, buildExtendModal, buildReopenModal } from '../views/review-admin/cycle.modal';
import { buildNewCycleModal } from '../views/review-admin/cycle-form.modal';
import { HR_ONLY } from '../views/review-admin/hub.modal';
import { loadHub } from '../views/review-admin/review-admin.submit';
import { buildNewTemplateModal, buildQuestionModal, buildTemplateModal, parseTemplateMetadata } from '../views/review-admin/template.modal';
import type { ListenerRegistry } from '../slack/listener-router';

export type ReviewAdminActionDeps = { reviewAdmin: ReviewAdminService; logger: Logger };

const TITLE = 'Review cycles';

const notice = (text: string): ListenerOutcome => ({ modal: buildNoticeModal(TITLE, text) });

/** The overflow menu beside a question: what to do, and to which question. */
const questionMenu = z.string().regex(/^(edit|up|remove):[A-Za-z0-9_-]{1,64}$/).transform((value) => {
  const [verb = '', id = ''] = value.split(':');
  return { verb: verb as 'edit' | 'up' | 'remove', id };
});

function selectedOption(body: BlockAction): string | undefined {
  const action = body.actions[0];
  return action && 'selected_option' in action ? (action.selected_option?.value ?? undefined) : undefined;
}

export function registerReviewAdminActions(app: ListenerRegistry, deps: ReviewAdminActionDeps): void {
  const admin = deps.reviewAdmin;
  const on = <T>(actionId: string, name: string, value: z.ZodType<T>, handle: (actor: Person, value: T, body: BlockAction) => Promise<ListenerOutcome>) =>
    app.action(actionId, actionListener({ name, logger: deps.logger, notices: { title: TITLE }, refused: HR_ONLY, value, handle: (actor, input) => handle(actor, input.value, input.body) }));
  const any = z.unknown();
  const cycleId = z.uuid();

  on(ReviewAdminAction.OpenHub, 'open the review cycles', any, async (actor) => ({ modal: await loadHub(admin, actor) }));
  on(ReviewAdminAction.NewCompetency, 'open the competency form', any, async (actor) => (await admin.competencies(actor), { modal: buildCompetencyModal() }));
  on(ReviewAdminAction.NewTemplate, 'open the template form', any, async (actor) => ({ modal: buildNewTemplateModal(await admin.competencies(actor)) }));
  on(ReviewAdminAction.EditTemplate, 'open the template', z.uuid(), async (actor, templateId) => {
    const version = await admin.template(actor, templateId);
    return version ? { modal: buildTemplateModal(version, await admin.competencies(actor)) } : notice('That template is gone.');
  });
  on(ReviewAdminAction.AddQuestion, 'open the question form', z.uuid(), async (actor, templateId) => {
    const version = await admin.template(actor, templateId);
    return version ? { modal: buildQuestionModal(version.templateId, undefined, await admin.competencies(actor)) } : notice('That template is gone.');
  });
  // An overflow menu has no value, only the option picked; the template is the modal's.
  on(ReviewAdminAction.QuestionMenu, 'change the question', any, async (actor, _value, body) => {
    const choice = questionMenu.safeParse(selectedOption(body));
    const templateId = parseTemplateMetadata(body.view?.private_metadata ?? '')?.templateId;
    const version = templateId ? await admin.template(actor, templateId) : undefined;
    if (!choice.success || !version) return notice('This template is out of date. Open it again from /review admin.');
    const { verb, id } = choice.data;
    const index = version.questions.findIndex((q) => q.id === id);
    if (index === -1) return notice('That question is gone. Open the template again from /review admin.');
    const competencies = await admin.competencies(actor);
    if (verb === 'edit') return { modal: buildQuestionModal(version.templateId, version.questions[index], competencies) };
    const questions = [...version.questions];
    if (verb === 'remove') questions.splice(index, 1);
    else if (index > 0) [questions[index - 1], questions[index]] = [questions[index]!, questions[index - 1]!];
    const saved = await admin.saveTemplate(actor, version.templateId, { name: version.name, questions });
    if (!saved.ok) return notice(Object.values(saved.errors).find(Boolean) ?? 'That change could not be saved.');
    return { modal: buildTemplateModal(saved.value, competencies, verb === 'remove' ? ':white_check_mark: Removed the question.' : ':white_check_mark: Moved the question up.'), place: 'replace' };
  });
  on(ReviewAdminAction.NewCycle, 'open the cycle form', any, async (actor) => {
    const templates = (await admin.templates(actor)).filter((t) => t.questions.length > 0);
    return templates.length > 0 ? { modal: buildNewCycleModal(templates) } : notice('Create a template first: a cycle asks the questions of one.');
  });
  on(ReviewAdminAction.OpenCycle, 'open the cycle', cycleId, async (actor, id) => ({ modal: buildCycleModal(await admin.completion(actor, id)) }));
  on(ReviewAdminAction.Launch, 'launch the cycle', cycleId, async (actor, id) => {
    await admin.launch(actor, id);
    return { modal: buildCycleModal(await admin.completion(actor, id), ':rocket: Launched: invitations and reminders are planned on each person’s calendar.'), place: 'replace' };
  });
  on(ReviewAdminAction.NudgeLate, 'nudge the late items', cycleId, async (actor, id) => {
    const queued = await admin.nudgeLate(actor, id);
    const text =
      queued === 0
        ? ':zzz: No nudge sent: nobody is late, or every late item was nudged today already (at most once per item per day).'
        : `:bell: Nudging ${queued} late item${queued === 1 ? '' : 's'}, each in its owner’s working hours.`;
    return { modal: buildCycleModal(await admin.completion(actor, id), text), place: 'replace' };
  });
  on(ReviewAdminAction.Close, 'close the cycle', cycleId, async (actor, id) => {
    await admin.close(actor, id);
    return { modal: buildCycleModal(await admin.completion(actor, id), ':lock: Closed: what was not done is closed and nothing more is sent.'), place: 'replace' };
  });
  on(ReviewAdminAction.Extend, 'open the extend form', cycleId, async (actor, id) => ({ modal: buildExtendModal((await admin.completion(actor, id)).cycle) }));
  on(ReviewAdminAction.Reopen, 'open the reopen form', cycleId, async (actor, id) => ({ modal: buildReopenModal((await admin.completion(actor, id)).cycle) }));
  on(ReviewAdminAction.Calibration, 'open the calibration', cycleId, async (actor, id) => ({ modal: buildCalibrationModal(await admin.calibration(actor, id)) }));
  on(ReviewAdminAction.AddPeople, 'open the add-people form', cycleId, async (actor, id) => ({ modal: buildAddPeopleModal((await admin.completion(actor, id)).cycle) }));
  on(ReviewAdminAction.Export, 'export the cycle', cycleId, async (actor, id) => {
    const completion = await admin.exportCompletion(actor, id);
    const name = escapeMrkdwn(completion.cycle.name);
    const messages = buildDocumentMessages(`:page_facing_up: Completion of *${name}*, one row per participant (save it as \`review-cycle.csv\`).`, completionCsv(completion));
    return {
      modal: buildCycleModal(completion, ':incoming_envelope: The CSV is on its way to your DM with Cadence.'),
      place: 'replace',
      async afterwards(client) {
        for (const message of messages) await client.chat.postMessage({ channel: actor.slackUserId, text: message.text });
      },
    };
  });
}
