/** A review conversation a transcript could belong to. */
export interface ConversationCandidate {
  participantId: string;
  conversationAt: Date;
  emails: readonly string[];
}

/** How far from the booked time a recorded meeting still counts as that conversation. */
export const MATCH_WINDOW_MS = 12 * 60 * 60 * 1000;

/**
 * The conversation a meeting was: both its people among the attendees, booked within twelve hours
 * of when the meeting took place; the nearest in time when there are several.
 */
export function matchConversation(metAt: Date, attendeeEmails: readonly string[], candidates: readonly ConversationCandidate[]): ConversationCandidate | undefined {
  const attendees = new Set(attendeeEmails.map((email) => email.trim().toLowerCase()));
  const distance = (c: ConversationCandidate) => Math.abs(c.conversationAt.getTime() - metAt.getTime());
  return candidates
    .filter((c) => c.emails.length >= 2 && c.emails.every((email) => attendees.has(email.toLowerCase())) && distance(c) <= MATCH_WINDOW_MS)
    .sort((a, b) => distance(a) - distance(b))[0];
}
