import { commandText, messageText } from '../../../sandbox/web/composer';
import { richTextElements } from '../../../sandbox/driver/payloads';

const people = [
  { id: 'U0ALEX', name: 'alex', realName: 'Alex Morgan' },
  { id: 'U0ALEXA', name: 'alexa', realName: 'Alexa Stone' },
  { id: 'U0PRIYA', name: 'priya', realName: 'Priya Raman' },
];

describe("what Slack's client sends for what a person typed", () => {
  it.each([
    ['@alex can you look?', '<@U0ALEX> can you look?'],
    ['thanks @Alex Morgan!', 'thanks <@U0ALEX>!'],
    ['@PRIYA and @alexa', '<@U0PRIYA> and <@U0ALEXA>'],
    ['(@priya)', '(<@U0PRIYA>)'],
    ['@Alex Morganson is nobody', '<@U0ALEX> Morganson is nobody'],
    ['@alexander is nobody either', '@alexander is nobody either'],
    ['write to alex@acme.example', 'write to alex@acme.example'],
    ['a < b & c > d', 'a &lt; b &amp; c &gt; d'],
    ['typed <@U0PRIYA> by hand', 'typed &lt;@U0PRIYA&gt; by hand'],
  ])('turns the message %j into %j', (typed, sent) => {
    expect(messageText(typed, people)).toBe(sent);
  });

  it('names the person in the text of a command that escapes mentions, and leaves others as typed', () => {
    expect(commandText('/goal', 'list @Priya Raman', people)).toBe('list <@U0PRIYA|priya>');
    expect(commandText('/feedback', 'give @alex', people)).toBe('give <@U0ALEX|alex>');
    expect(commandText('/checkin', 'help @alex & co', people)).toBe('help @alex &amp; co');
  });

  it("puts mentions in the event's rich text as user elements, with the text unescaped", () => {
    expect(richTextElements('hi <@U0ALEX>, a &lt; b')).toEqual([
      { type: 'text', text: 'hi ' },
      { type: 'user', user_id: 'U0ALEX' },
      { type: 'text', text: ', a < b' },
    ]);
  });
});
