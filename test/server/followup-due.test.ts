import { describe, expect, it } from 'vitest';
import { addBusinessDays, followupDueAt, isOverdue } from '../../server/data/followup-due.ts';

// 2025-06-02 is a Monday.
const at = (day: string, time = '15:30:00') => new Date(`2025-06-${day}T${time}Z`);

describe('followupDueAt: 2 business days (Mon–Fri, UTC) after the answer, same time of day', () => {
  it.each([
    ['Monday', '02', '04'],
    ['Tuesday', '03', '05'],
    ['Wednesday', '04', '06'],
    ['Thursday', '05', '09'],
    ['Friday', '06', '10'],
    ['Saturday', '07', '10'],
    ['Sunday', '08', '10'],
  ])('an answer on %s is due on the 2nd business day after', (_weekday, day, due) => {
    expect(followupDueAt(at(day)).toISOString()).toBe(at(due).toISOString());
  });

  it('counts the UTC day, whatever the time', () => {
    // Friday 23:59 UTC (Saturday morning in Tokyo) is still a Friday answer: due Tuesday 23:59.
    expect(followupDueAt(at('06', '23:59:00'))).toEqual(at('10', '23:59:00'));
    expect(followupDueAt(at('07', '00:00:00'))).toEqual(at('10', '00:00:00'));
  });
});

describe('addBusinessDays', () => {
  it('skips whole weekends for longer spans and keeps the date for 0', () => {
    expect(addBusinessDays(at('02'), 5)).toEqual(at('09'));
    expect(addBusinessDays(at('06'), 6)).toEqual(at('16'));
    expect(addBusinessDays(at('07'), 0)).toEqual(at('07'));
  });
});

describe('isOverdue', () => {
  const now = Date.parse('2025-06-10T12:00:00Z');
  it('is true only when not resolved and the due date has passed', () => {
    expect(isOverdue('open', now - 1, now)).toBe(true);
    expect(isOverdue('in_progress', now - 1, now)).toBe(true);
    expect(isOverdue('resolved', now - 1, now)).toBe(false);
    expect(isOverdue('open', now, now)).toBe(false);
    expect(isOverdue('open', now + 1, now)).toBe(false);
    expect(isOverdue('open', null, now)).toBe(false);
  });
});
