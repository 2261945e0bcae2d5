import { findLoops, loopIfManaged, managerChain } from '../../../src/domain/org-chart';
import { type ImportDirectoryEntry, ORG_IMPORT_MAX_LENGTH, planOrgImport } from '../../../src/domain/org-import';

const person = (id: string, overrides: Partial<ImportDirectoryEntry> = {}): ImportDirectoryEntry => ({
  id,
  email: `${id}@acme.test`,
  deactivated: false,
  isBot: false,
  ...overrides,
});

const directory = [
  person('ceo'),
  person('cto'),
  person('dev'),
  person('ops'),
  person('left', { deactivated: true }),
  person('robot', { isBot: true }),
  // An old account with the same address as ops: the active one is meant.
  person('ops-old', { email: 'OPS@acme.test', deactivated: true }),
];

describe('org chart import from CSV', () => {
  it('plans every line of a good import, header and blank lines allowed; the top already has no manager', () => {
    const csv = ['email,manager_email', 'ceo@acme.test,', '', ' CTO@acme.test , ceo@acme.test', 'dev@acme.test,cto@acme.test', 'ops@acme.test,cto@acme.test'].join('\n');
    expect(planOrgImport(csv, directory, new Map())).toEqual({
      ok: true,
      changes: [
        { personId: 'cto', managerId: 'ceo', line: 4 },
        { personId: 'dev', managerId: 'cto', line: 5 },
        { personId: 'ops', managerId: 'cto', line: 6 },
      ],
      unchanged: 1,
    });
  });

  it('counts lines that match the current chart as unchanged, and an empty manager removes one', () => {
    const current = new Map([
      ['dev', 'cto'],
      ['ops', 'cto'],
    ]);
    const plan = planOrgImport('dev@acme.test,cto@acme.test\nops@acme.test,', directory, current);
    expect(plan).toEqual({ ok: true, changes: [{ personId: 'ops', managerId: null, line: 2 }], unchanged: 1 });
  });

  it('reports every bad line with its number and reason, and plans nothing', () => {
    const csv = [
      'email,manager_email',
      'dev@acme.test,cto@acme.test', // 2: fine on its own
      'nobody@acme.test,cto@acme.test', // 3: unknown person
      'ops@acme.test,ghost@acme.test', // 4: unknown manager
      'cto@acme.test,cto@acme.test', // 5: self
      'dev@acme.test,ceo@acme.test', // 6: duplicate of line 2
      'ceo@acme.test,left@acme.test', // 7: deactivated manager
      'robot@acme.test,ceo@acme.test', // 8: a bot
      'ceo@acme.test', // 9: one column
      ',ceo@acme.test', // 10: no email
      'a,b,c', // 11: three columns
    ].join('\n');
    const plan = planOrgImport(csv, directory, new Map());
    expect(plan).toEqual({
      ok: false,
      problems: [
        { line: 3, reason: 'unknown email nobody@acme.test: no one in this workspace has it' },
        { line: 4, reason: 'unknown email manager ghost@acme.test: no one in this workspace has it' },
        { line: 5, reason: 'cto@acme.test cannot be their own manager' },
        { line: 6, reason: 'dev@acme.test is listed twice (first on line 2)' },
        { line: 7, reason: 'manager left@acme.test is deactivated in Slack' },
        { line: 8, reason: 'robot@acme.test is a bot, not a person' },
        { line: 9, reason: 'expected 2 columns (email,manager_email), found 1' },
        { line: 10, reason: 'the email is missing' },
        { line: 11, reason: 'expected 2 columns (email,manager_email), found 3' },
      ],
    });
  });

  it('names each line that would close a loop, within the file and with the current chart', () => {
    const inFile = planOrgImport('ceo@acme.test,dev@acme.test\ndev@acme.test,ceo@acme.test', directory, new Map());
    expect(inFile).toEqual({
      ok: false,
      problems: [
        { line: 1, reason: 'this would make a loop: ceo@acme.test → dev@acme.test → ceo@acme.test' },
        { line: 2, reason: 'this would make a loop: dev@acme.test → ceo@acme.test → dev@acme.test' },
      ],
    });
    // dev already reports to cto, who reports to ceo: making ceo report to dev closes the loop.
    const current = new Map([
      ['dev', 'cto'],
      ['cto', 'ceo'],
    ]);
    const withChart = planOrgImport('ops@acme.test,ceo@acme.test\nceo@acme.test,dev@acme.test', directory, current);
    expect(withChart).toEqual({
      ok: false,
      problems: [{ line: 2, reason: 'this would make a loop: ceo@acme.test → dev@acme.test → cto@acme.test → ceo@acme.test' }],
    });
  });

  it('lets a file fix a loop it would otherwise close, since the whole file is applied at once', () => {
    const current = new Map([['dev', 'cto']]);
    const plan = planOrgImport('cto@acme.test,dev@acme.test\ndev@acme.test,ceo@acme.test', directory, current);
    expect(plan.ok).toBe(true);
  });

  it('reports text that is not CSV, and an import with nothing in it', () => {
    expect(planOrgImport('dev@acme.test,cto@acme.test\n"ops@acme.test,cto@acme.test', directory, new Map())).toEqual({
      ok: false,
      problems: [{ line: 2, reason: 'the text is not valid CSV (Quote Not Closed: the parsing is finished with an opening quote)' }],
    });
    expect(planOrgImport('email,manager_email\n\n', directory, new Map())).toEqual({
      ok: false,
      problems: [{ line: 1, reason: 'there is nothing to import: paste lines of email,manager_email' }],
    });
  });

  it('refuses more text than the form allows, as a crafted request could send', () => {
    const plan = planOrgImport(`dev@acme.test,cto@acme.test\n${' '.repeat(ORG_IMPORT_MAX_LENGTH)}`, directory, new Map());
    expect(plan).toEqual({
      ok: false,
      problems: [{ line: 1, reason: `the text is longer than ${ORG_IMPORT_MAX_LENGTH.toLocaleString('en-US')} characters: import it in parts` }],
    });
  });
});

describe('org chart loops', () => {
  const chart = new Map([
    ['dev', 'cto'],
    ['cto', 'ceo'],
  ]);

  it('walks a manager chain nearest first', () => {
    expect(managerChain('dev', chart)).toEqual(['cto', 'ceo']);
    expect(managerChain('ceo', chart)).toEqual([]);
  });

  it('finds the loop a new manager would close, and none where there is none', () => {
    expect(loopIfManaged('ceo', 'dev', chart)).toEqual(['ceo', 'dev', 'cto', 'ceo']);
    expect(loopIfManaged('ceo', 'ceo', chart)).toEqual(['ceo', 'ceo']);
    expect(loopIfManaged('ops', 'dev', chart)).toBeUndefined();
  });

  it('lists each loop in a chart once', () => {
    const looped = new Map([...chart, ['ceo', 'dev'], ['a', 'b'], ['b', 'a'], ['x', 'a']]);
    expect(findLoops(looped).map((loop) => loop.slice(0, -1).sort().join(','))).toEqual(['ceo,cto,dev', 'a,b']);
    expect(managerChain('x', looped)).toEqual(['a', 'b']);
  });
});
