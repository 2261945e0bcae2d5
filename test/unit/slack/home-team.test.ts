import { homeTeamOf } from '../../../src/slack/directory';

describe("a person's home workspace in an org-wide install", () => {
  const granted = new Set(['T0SALES', 'T0ENG']);

  it('is their first workspace the organization granted to Cadence, not one it never sees', () => {
    expect(homeTeamOf(['T0HIDDEN', 'T0ENG', 'T0SALES'], { granted, listedIn: 'T0SALES' })).toBe('T0ENG');
  });

  it('is the workspace that listed them when Slack names none of the granted ones, or nothing at all', () => {
    expect(homeTeamOf(['T0HIDDEN'], { granted, listedIn: 'T0SALES' })).toBe('T0SALES');
    expect(homeTeamOf(undefined, { granted, listedIn: 'T0SALES' })).toBe('T0SALES');
  });

  it('is their first workspace on first sight, before a sync knows what was granted', () => {
    expect(homeTeamOf(['T0ENG', 'T0SALES'], { granted: new Set() })).toBe('T0ENG');
  });

  it('is none outside an org-wide install, even for a workspace of a Grid organization', () => {
    expect(homeTeamOf(['T0ENG'], undefined)).toBeUndefined();
  });
});
