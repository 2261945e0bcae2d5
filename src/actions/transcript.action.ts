import type { App, BlockAction } from '@slack/bolt';
import { z } from 'zod';
import { GOAL_LIMITS } from '../domain/goal';
import type { Logger } from '../lib/logger';
import type { GoalService } from '../services/goal.service';
import type { TranscriptService } from '../services/transcript.service';
import type { CadenceContext } from '../slack/context';
import { readUploadedTranscript } from '../slack/files';
import { actionListener } from '../slack/listener';
import { TranscriptIds } from '../views/ids';
import { newDraft } from '../views/goal/goal-form.draft';
import { buildGoalFormModal } from '../views/goal/goal-form.modal';
import { buildTranscriptFormModal, buildTranscriptModal, goalTitleOf, parseTranscriptForm } from '../views/review/transcript.modal';
import { formSubmit } from '../views/submit';

export interface TranscriptActionDeps {
  transcripts: TranscriptService;
  goals: GoalService;
  logger: Logger;
}

const TITLE = 'Meeting transcript';

/** A review conversation's transcript: open it (or paste one), accept its summary, keep or let go of the raw text. */
export function registerTranscriptActions(app: App<CadenceContext>, deps: TranscriptActionDeps): void {
  const { transcripts, logger } = deps;
  app.action<BlockAction>(
    TranscriptIds.Open,
    actionListener({
      name: 'open the meeting transcript',
      logger,
      notices: { title: TITLE },
      value: z.uuid(),
      async handle(actor, { value }) {
        const { side, transcript, person } = await transcripts.view(actor, value);
        if (transcript) return { modal: buildTranscriptModal(transcript) };
        if (side === 'manager') return { modal: buildTranscriptFormModal(value, person) };
        return { notice: 'There is no transcript of this conversation: your manager can add one.' };
      },
    }),
  );
  const change = (actionId: string, name: string, run: (actor: Parameters<TranscriptService['accept']>[0], participantId: string) => ReturnType<TranscriptService['accept']>) =>
    app.action<BlockAction>(
      actionId,
      actionListener({
        name,
        logger,
        notices: { title: TITLE },
        value: z.uuid(),
        async handle(actor, { value }) {
          return { modal: buildTranscriptModal(await run(actor, value)), place: 'replace' };
        },
      }),
    );
  app.action<BlockAction>(
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
        const upload = form.fileId ? await readUploadedTranscript(client, form.fileId) : undefined;
        const result = await transcripts.submit(actor, participantId.data, { text: form.text, upload, consent: form.consent });
        if (!result.ok) {
          const errors: Record<string, string> = {};
          if (result.errors.text) errors[TranscriptIds.Text] = result.errors.text;
          if (result.errors.file) errors[TranscriptIds.File] = result.errors.file;
          if (result.errors.consent) errors[TranscriptIds.Consent] = result.errors.consent;
          return { errors };
        }
        return { update: buildTranscriptModal(result.value) };
      },
    }),
  );
}
