import type { KnownBlock } from '@slack/types';
import { DateTime } from 'luxon';
import type { ConnectionView } from '../../services/integration.service';
import type { TranscriptView } from '../../services/inbound-transcript.service';
import { context, divider, escapeMrkdwn, header, plain, section, truncate } from '../blocks';
import { IntegrationAction } from '../ids';

/** For HR admins, only when a connection needs them: what its tool said was wrong (a revoked token). */
export function buildIntegrationProblemsLine(connections: readonly ConnectionView[]): KnownBlock[] {
  const broken = connections.filter((c) => c.problem);
  if (broken.length === 0) return [];
  return [
    {
      ...section(`:warning: *Integration problems:*\n${broken.map((c) => `*${escapeMrkdwn(c.name)}*: ${escapeMrkdwn(c.problem ?? '')}`).join('\n')}`),
      accessory: { type: 'button', action_id: IntegrationAction.Open, text: plain('Integrations') },
    },
  ];
}

/** Meeting transcripts matched to the reader's review conversations, waiting for them to accept. */
export function buildTranscriptsSection(pending: readonly TranscriptView[], timezone: string): KnownBlock[] {
  if (pending.length === 0) return [];
  const blocks: KnownBlock[] = [divider(), header('Transcripts to check')];
  blocks.push(context('Nothing is summarised from a transcript until both of you accept it; then its summary is in the review conversation, under Meeting transcript.'));
  for (const transcript of pending) {
    const whose = transcript.side === 'employee' ? 'your' : `${escapeMrkdwn(transcript.employeeName)}’s`;
    const when = transcript.metAt ? ` on ${DateTime.fromJSDate(transcript.metAt).setZone(timezone).toFormat('ccc d LLL, HH:mm')}` : '';
    blocks.push(section(`*${escapeMrkdwn(transcript.title)}*: ${whose} review conversation (${escapeMrkdwn(transcript.cycleName)})${when} · ${transcript.passages} passages`));
    const opening = transcript.opening.map((s) => `${s.speaker ? `*${escapeMrkdwn(s.speaker)}:* ` : ''}${escapeMrkdwn(truncate(s.text, 200))}`);
    if (opening.length > 0) blocks.push(context(opening.join('\n')));
    blocks.push({
      type: 'actions',
      elements: [
        { type: 'button', action_id: IntegrationAction.AcceptTranscript, text: plain('Accept'), style: 'primary', value: transcript.id },
        { type: 'button', action_id: IntegrationAction.RejectTranscript, text: plain('Reject'), value: transcript.id },
      ],
    });
  }
  return blocks;
}
