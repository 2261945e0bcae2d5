/**
 * What the page can ask for, validated, and carried out the way Slack would: through the driver
 * (signed requests to the bot's endpoint) and the emulator, or through the time machine for the
 * clock. Each returns a small JSON answer for the page, or throws a PageError it can show.
 */
import { DateTime } from 'luxon';
import { z } from 'zod';
import type { TimeMachine } from '../../src/jobs/time-machine';
import type { SlackDriver } from '../driver/driver';
import { SlackClientValidationError } from '../driver/view-state';
import type { SlackEmulator } from '../emulator/emulator';
import { commandText, type Mentionable, messageText } from './composer';
import { parseDuration } from './duration';
import type { ModalFeedback } from './modal-feedback';

/** A refusal the page shows to the person, with the HTTP status that says what kind it is. */
export class PageError extends Error {
  override readonly name = 'PageError';
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const id = z.string().min(1).max(255);
const userId = z.string().regex(/^U[A-Z0-9]{2,20}$/, 'not a person id');
const inputValue = z.union([z.string().max(10_000), z.array(z.string().max(10_000)).max(100), z.null()]);
const values = z.record(id, inputValue).refine((v) => Object.keys(v).length <= 100, 'too many values');

export const schemas = {
  command: z.object({ as: userId, text: z.string().trim().min(2).max(4000).startsWith('/') }),
  /** `threadTs`: a reply in the thread of that message of the person's DM. */
  message: z.object({ as: userId, text: z.string().trim().min(1).max(4000), threadTs: id.optional() }),
  action: z.object({
    as: userId,
    source: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('message'), channel: id, ts: id }),
      z.object({ kind: z.literal('home') }),
      z.object({ kind: z.literal('modal') }),
    ]),
    blockId: id,
    actionId: id,
    /** Absent for a button; the chosen value(s) for anything else. */
    value: inputValue.optional(),
    /** The modal's inputs as they are now (Slack sends the view's state with every action). */
    values: values.optional(),
  }),
  submit: z.object({ as: userId, values }),
  /** A file chosen in a form's file input, uploaded before the form is sent (as Slack's client does). */
  upload: z.object({ as: userId, name: z.string().trim().min(1).max(255), content: z.base64() }),
  person: z.object({ as: userId }),
  advance: z.object({ by: z.string().max(40) }),
  empty: z.object({}),
};

export interface ActionDeps {
  emulator: SlackEmulator;
  driver: SlackDriver;
  time: TimeMachine;
  feedback: ModalFeedback;
  /** The slash commands the app declares (its manifest); Slack sends no others to it. */
  commands: readonly string[];
  /** Tell the page something changed that the emulator does not see (feedback, the clock). */
  changed(): void;
}

export type Answer = Record<string, unknown>;

const SLACK_TROUBLE = 'We had some trouble connecting. Try again?';

export function createActions(deps: ActionDeps) {
  const { emulator, driver, time, feedback } = deps;

  /** The DMs the app posted since `since` (app clock, ms), oldest first: what a clock move delivered. */
  const sentSince = (since: number) =>
    emulator
      .calls('chat.postMessage')
      .filter((call) => call.at > since && call.response.ok === true)
      .map((call) => {
        const to = String(call.params.channel ?? '');
        const person = emulator.workspace().person(to);
        const local = DateTime.fromMillis(call.at, { zone: person?.tz ?? 'utc' }).toFormat('ccc d LLL HH:mm');
        return { at: new Date(call.at).toISOString(), to, line: `To ${person?.realName ?? to}, ${local} their time: ${String(call.params.text ?? '')}` };
      });

  const person = (user: string) => {
    const found = emulator.workspace().person(user);
    if (!found || found.isBot || found.deleted) throw new PageError(404, `There is no ${user} in this workspace.`);
    return found.id;
  };

  /** Who can be mentioned: the workspace's people, as Slack's client suggests them. */
  const mentionable = (): Mentionable[] =>
    emulator
      .workspace()
      .allPeople()
      .filter((p) => !p.isBot && !p.deleted)
      .map((p) => ({ id: p.id, name: p.name, realName: p.realName }));

  /** A reply always goes to the thread's first message, as in Slack's thread view. */
  const threadRoot = (user: string, ts: string) => {
    const found = emulator.conversation(user).find((m) => m.ts === ts);
    if (!found) throw new PageError(409, 'The message you are replying to is no longer in this conversation.');
    return found.thread_ts ?? found.ts;
  };

  const openModal = (user: string) => {
    const view = emulator.openModal(user);
    if (!view) throw new PageError(409, 'That form is no longer open.');
    return view;
  };

  return {
    async command(body: z.infer<typeof schemas.command>): Promise<Answer> {
      const user = person(body.as);
      const [command = '', ...rest] = body.text.split(/\s+/);
      if (!deps.commands.includes(command)) {
        throw new PageError(400, `${command} is not a valid command. Cadence answers ${deps.commands.join(', ')}.`);
      }
      const result = await driver.command({ user, command, text: commandText(command, rest.join(' '), mentionable()) });
      if (result.status !== 200) throw new PageError(502, `${command} failed with the error "dispatch_failed" (Cadence answered HTTP ${result.status}).`);
      if (result.ackError !== undefined) throw new PageError(502, `${command} failed: Slack refused Cadence's answer (${result.ackError}).`);
      return { ok: true };
    },

    async message(body: z.infer<typeof schemas.message>): Promise<Answer> {
      const user = person(body.as);
      const threadTs = body.threadTs === undefined ? undefined : threadRoot(user, body.threadTs);
      await driver.sendDm({ user, text: messageText(body.text, mentionable()), ...(threadTs ? { threadTs } : {}) });
      return { ok: true };
    },

    async action(body: z.infer<typeof schemas.action>): Promise<Answer> {
      const user = person(body.as);
      const source =
        body.source.kind === 'message' ? { message: { channel: body.source.channel, ts: body.source.ts } } : body.source.kind === 'home' ? { home: true as const } : { modal: true as const };
      const target = { user, actionId: body.actionId, blockId: body.blockId, source, ...(body.values ? { values: body.values } : {}) };
      const result = body.value === undefined ? await driver.clickButton(target) : await driver.selectOption({ ...target, value: body.value });
      if (result.status !== 200) throw new PageError(502, `Cadence did not accept the click (HTTP ${result.status}).`);
      return { ok: true };
    },

    async submit(body: z.infer<typeof schemas.submit>): Promise<Answer> {
      const user = person(body.as);
      const view = openModal(user);
      try {
        const { outcome } = await driver.submitView({ user, values: body.values });
        if (outcome.kind === 'errors') feedback.set(user, view, { errors: outcome.errors });
        if (outcome.kind === 'rejected') feedback.set(user, view, { errors: {}, banner: `${SLACK_TROUBLE} (Slack refused Cadence's answer: ${outcome.reason})` });
        deps.changed();
        return { outcome: outcome.kind };
      } catch (error) {
        if (!(error instanceof SlackClientValidationError)) throw error;
        // What Slack's own client checks before sending: the bot never hears of it.
        feedback.set(user, view, { errors: error.problems });
        deps.changed();
        return { outcome: 'errors' };
      }
    },

    async close(body: z.infer<typeof schemas.person>): Promise<Answer> {
      const user = person(body.as);
      openModal(user);
      await driver.closeView({ user });
      return { ok: true };
    },

    async upload(body: z.infer<typeof schemas.upload>): Promise<Answer> {
      return { fileId: driver.uploadFile({ user: person(body.as), name: body.name, content: Buffer.from(body.content, 'base64') }) };
    },

    async homeOpened(body: z.infer<typeof schemas.person>): Promise<Answer> {
      await driver.appHomeOpened({ user: person(body.as) });
      return { ok: true };
    },

    async advance(body: z.infer<typeof schemas.advance>): Promise<Answer> {
      const ms = parseDuration(body.by);
      if (ms === undefined) throw new PageError(400, 'Say how far to go, e.g. 45m, 4h, 3d or 1w 2d (a year at most).');
      const since = time.now().toMillis();
      const { now, released } = await time.advance(ms);
      deps.changed();
      return { now: now.toISO(), released, sent: sentSince(since) };
    },

    async next(): Promise<Answer> {
      const since = time.now().toMillis();
      const work = await time.runNext();
      deps.changed();
      return work ? { delivered: work.what, at: work.at.toISO(), sent: sentSince(since) } : { delivered: null, sent: [] };
    },
  };
}

export type Actions = ReturnType<typeof createActions>;
