import { z } from 'zod';
import { GOAL_LIMITS } from '../domain/goal';
import type { Logger } from '../lib/logger';
import type { GoalService } from '../services/goal.service';
import type { Person } from '../domain/person';
import type { IntegrationService } from '../services/integration.service';
import type { TranscriptService, TranscriptView } from '../services/transcript.service';
import { readUploadedTranscript } from '../slack/files';
import { actionListener } from '../slack/listener';
import { IntegrationBlock, IntegrationCallbackId, TranscriptIds } from '../views/ids';
import { buildNoticeModal } from '../views/access';
import { buildPushNextStepsModal } from '../views/integrations/integrations.modal';
import { readFormState } from '../views/state';
import { newDraft } from '../views/goal/goal-form.draft';
import { buildGoalFormModal } from '../views/goal/goal-form.modal';
import { buildTranscriptFormModal, buildTranscriptModal, goalTitleOf, nextStepsOf, parseTranscriptForm } from '../views/review/transcript.modal';
import { formSubmit } from '../views/submit';
import type { ListenerRegistry } from '../slack/listener-router';

export interface TranscriptActionDeps {
  transcripts: TranscriptService;
  goals: GoalService;
  integrations: IntegrationService;
  logger: Logger;
}

const TITLE = 'Meeting transcript';

/** A review conversation's transcript: open it (or paste one), accept its summary, keep or let go of the raw text. */
export function registerTranscriptActions(app: ListenerRegistry, deps: TranscriptActionDeps): void {
  const { transcripts, integrations, logger } = deps;
  /** The summary modal; an accepted one offers the manager its next steps for a tool when there is a connection to send them to. */
  const summaryModal = async (actor: Person, view: TranscriptView) =>
    buildTranscriptModal(view, { canPush: view.side === 'manager' && view.accepted && (await integrations.pushTargets(actor)).length > 0 });
  app.action(
    TranscriptIds.Open,
    actionListener({
      name: 'open the meeting transcript',
      logger,
      notices: { title: TITLE },
      value: z.uuid(),
      async handle(actor, { value }) {
        const { side, transcript, person } = await transcripts.view(actor, value);
        if (transcript) return { modal: await summaryModal(actor, transcript) };
        if (side === 'manager') return { modal: buildTranscriptFormModal(value, person) };
        return { notice: 'There is no transcript of this conversation: your manager can add one.' };
      },
    }),
  );
  const change = (actionId: string, name: string, run: (actor: Parameters<TranscriptService['accept']>[0], participantId: string) => ReturnType<TranscriptService['accept']>) =>
    app.action(
      actionId,
      actionListener({
        name,
        logger,
        notices: { title: TITLE },
        value: z.uuid(),
        async handle(actor, { value }) {
          return { modal: await summaryModal(actor, await run(actor, value)), place: 'replace' };
        },
      }),
    );
  app.action(
    TranscriptIds.MakeGoal,
    actionListener({
      name: 'open the goal form',
      logger,
      notices: { title: TITLE },
      value: z.templateLiteral([z.uuid(), ':', z.number().int().min(0).max(50)]).transform((v) => ({ participantId: v.slice(0, v.indexOf(':')), index: Number(v.slice(v.indexOf(':') + 1)) })),
      async handle(actor, { value }) {
        const { transcript } = await transcripts.view(actor, value.participantId);
        const step = transcript?.sections.find((s) => s.key === 'next_steps')?.points[value.index];
        if (!step) return { notice: 'This summary changed. Close it and open the transcript again.' };
        const draft = { ...newDraft(), title: goalTitleOf(step.text, GOAL_LIMITS.titleMax) };
        return { modal: buildGoalFormModal(draft, { ...(await deps.goals.formOptions(actor)), today: deps.goals.today(actor) }) };
      },
    }),
  );
  app.action(
    TranscriptIds.PushNextSteps,
    actionListener({
      name: 'open where to send the next steps',
      logger,
      notices: { title: TITLE },
      value: z.uuid(),
      async handle(actor, { value }) {
        const { transcript } = await transcripts.view(actor, value);
        const steps = transcript ? nextStepsOf(transcript) : [];
        if (steps.length === 0) return { notice: 'This summary has no next steps to send.' };
        const [targets, pushed] = await Promise.all([integrations.pushTargets(actor), integrations.nextStepItems(actor, value)]);
        return { modal: buildPushNextStepsModal(value, steps, targets, pushed), place: 'stack' };
      },
    }),
  );
  app.view(
    IntegrationCallbackId.PushNextSteps,
    formSubmit({
      name: 'send the next steps',
      logger,
      fallbackBlock: IntegrationBlock.Connection,
      async handle(actor, view) {
        const participantId = z.uuid().safeParse(view.private_metadata);
        // The steps are read again from the summary, never taken from the form.
        const { transcript } = participantId.success ? await transcripts.view(actor, participantId.data) : { transcript: undefined };
        if (!participantId.success || !transcript) return { errors: { [IntegrationBlock.Connection]: 'This form is out of date. Close it and open the transcript again.' } };
        const connectionId = readFormState(view.state.values).option(IntegrationBlock.Connection) ?? '';
        const result = await integrations.pushNextSteps(actor, participantId.data, connectionId, nextStepsOf(transcript));
        if (!result.ok) return { errors: { [IntegrationBlock.Connection]: result.errors.connection ?? result.errors.next_steps ?? '' } };
        return { update: buildNoticeModal('Send to a tool', ':outbox_tray: On its way. The item is created once, with a link back to Slack.') };
      },
    }),
  );
  change(TranscriptIds.Accept, 'accept the summary', (actor, id) => transcripts.accept(actor, id));
  change(TranscriptIds.Keep, 'keep the transcript', (actor, id) => transcripts.keep(actor, id, true));
  change(TranscriptIds.Discard, 'stop keeping the transcript', (actor, id) => transcripts.keep(actor, id, false));

  app.view(
    TranscriptIds.Callback,
    formSubmit({
      name: 'summarise the transcript',
      logger,
      fallbackBlock: TranscriptIds.Text,
      async handle(actor, view, client) {
        const participantId = z.uuid().safeParse(view.private_metadata);
        if (!participantId.success) return { errors: { [TranscriptIds.Text]: 'This form is out of date. Close it and open the transcript again.' } };
        const form = parseTranscriptForm(view.state.values);
        const upload = form.fileId ? await readUploadedTranscript(client, form.fileId, actor.slackUserId) : undefined;
        const result = await transcripts.submit(actor, participantId.data, { text: form.text, upload, consent: form.consent });
        if (!result.ok) {
          const errors: Record<string, string> = {};
          if (result.errors.text) errors[TranscriptIds.Text] = result.errors.text;
          if (result.errors.file) errors[TranscriptIds.File] = result.errors.file;
          if (result.errors.consent) errors[TranscriptIds.Consent] = result.errors.consent;
          return { errors };
        }
        const pending = result.value;
        return {
          update: buildNoticeModal(TITLE, ':hourglass_flowing_sand: Summarising the transcript. This can take a few seconds; the summary opens here.'),
          afterwards: async (slack) => {
            const done = await pending.summarise().catch((error: unknown) => {
              logger.error({ err: error, person: actor.id }, 'could not summarise the transcript');
              return { ok: false as const, problem: 'Cadence could not summarise the transcript just now. Please try again.' };
            });
            await slack.views.update({ view_id: view.id, view: done.ok ? await summaryModal(actor, done.value) : buildNoticeModal(TITLE, done.problem) });
          },
        };
      },
    }),
  );
}
