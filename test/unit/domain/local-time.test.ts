import { DateTime } from 'luxon';
import { atLocal, localView } from '../../../src/domain/local-time';

/**
 * atLocal and localView keep their answers. What these tests protect: a kept answer is always
 * the one a fresh computation gives, so the key must hold the zone as well as the day and time (or
 * the instant), DST edges included, whatever was asked before.
 */

const iso = (at: DateTime) => at.toUTC().toISO({ suppressMilliseconds: true });

/** What luxon says directly, computed afresh every time: the reference. */
function freshView(at: DateTime, zone: string) {
  const local = at.setZone(zone);
  return { day: local.toISODate(), weekday: local.weekday, time: local.toFormat('HH:mm') };
}

const ZONES = ['Europe/London', 'America/New_York', 'Australia/Sydney', 'Asia/Kathmandu', 'America/St_Johns', 'UTC'];

describe('local time computed once per zone, day and time', () => {
  it('gives the same day and time a different instant in each zone, in any order of asking', () => {
    const forward = ZONES.map((zone) => iso(atLocal('2027-03-12', '15:00', zone)));
    const backward = [...ZONES].reverse().map((zone) => iso(atLocal('2027-03-12', '15:00', zone))).reverse();
    expect(forward).toEqual(backward);
    expect(forward).toEqual([
      '2027-03-12T15:00:00Z',
      '2027-03-12T20:00:00Z',
      '2027-03-12T04:00:00Z',
      '2027-03-12T09:15:00Z',
      '2027-03-12T18:30:00Z',
      '2027-03-12T15:00:00Z',
    ]);
  });

  it.each([
    // Spring forward: 01:30 exists, 02:30 does not (first minute after the gap), 03:30 is summer time.
    ['America/New_York', '2027-03-14', ['01:30', '02:30', '03:30'], ['2027-03-14T06:30:00Z', '2027-03-14T07:00:00Z', '2027-03-14T07:30:00Z']],
    // Fall back: 01:30 happens twice and is read as its first occurrence.
    ['America/New_York', '2027-11-07', ['00:30', '01:30', '02:30'], ['2027-11-07T04:30:00Z', '2027-11-07T05:30:00Z', '2027-11-07T07:30:00Z']],
    ['Europe/London', '2027-03-28', ['00:30', '01:30', '02:30'], ['2027-03-28T00:30:00Z', '2027-03-28T01:00:00Z', '2027-03-28T01:30:00Z']],
    ['Europe/London', '2027-10-31', ['00:30', '01:30', '02:30'], ['2027-10-30T23:30:00Z', '2027-10-31T00:30:00Z', '2027-10-31T02:30:00Z']],
    // Southern hemisphere: Sydney's clocks go back in April and forward in October.
    ['Australia/Sydney', '2027-04-04', ['02:30'], ['2027-04-03T15:30:00Z']],
    ['Australia/Sydney', '2027-10-03', ['02:30'], ['2027-10-02T16:00:00Z']],
  ])('answers the DST edges of %s on %s the same whether computed or kept', (zone, day, times, expected) => {
    const first = times.map((time) => iso(atLocal(day, time, zone)));
    // Same questions again, after the other zones' answers for the same day and times were kept.
    for (const other of ZONES) times.forEach((time) => atLocal(day, time, other));
    const again = times.map((time) => iso(atLocal(day, time, zone)));
    expect(first).toEqual(expected);
    expect(again).toEqual(expected);
  });

  it('sees one instant as each zone does, kept or not, across DST changes', () => {
    const instants = [
      '2027-03-14T06:59:00Z', // New York, a minute before the spring gap
      '2027-03-14T07:00:00Z', // New York, 03:00 summer time
      '2027-03-28T00:59:00Z', // London, before the clocks go forward
      '2027-03-28T01:00:00Z', // London, after
      '2027-11-07T05:30:00Z', // New York, the first 01:30
      '2027-11-07T06:30:00Z', // New York, the second 01:30
      '2027-12-31T23:30:00Z', // a different day (and year) in every zone
    ].map((text) => DateTime.fromISO(text, { zone: 'utc' }));
    for (let round = 0; round < 2; round += 1) {
      for (const at of instants) {
        for (const zone of ZONES) expect({ zone, ...localView(at, zone) }).toEqual({ zone, ...freshView(at, zone) });
      }
    }
  });

  it('keeps the same answers when an instant arrives as a different DateTime object or zone', () => {
    const utc = DateTime.fromISO('2027-11-07T06:30:00Z', { zone: 'utc' });
    const tokyo = utc.setZone('Asia/Tokyo');
    expect(localView(tokyo, 'America/New_York')).toEqual(localView(utc, 'America/New_York'));
    expect(localView(utc, 'America/New_York')).toEqual({ day: '2027-11-07', weekday: 7, time: '01:30' });
  });

  it('rejects an unknown zone every time, never from a kept answer', () => {
    expect(() => atLocal('2027-03-12', '15:00', 'Mars/Olympus_Mons')).toThrow('unknown timezone');
    expect(() => atLocal('2027-03-12', '15:00', 'Mars/Olympus_Mons')).toThrow('unknown timezone');
  });
});
