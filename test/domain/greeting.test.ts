import { describe, expect, it } from 'vitest';
import { greeting } from '../../src/domain/messages/greeting';

const at = (hh: number, mm = 0) => hh * 60 + mm;

describe('greetings follow the hour', () => {
  it('says pagi, siang, sore and malam at their hours', () => {
    expect(greeting('id', at(7, 30))).toBe('Selamat pagi');
    expect(greeting('id', at(12))).toBe('Selamat siang');
    expect(greeting('id', at(16, 45))).toBe('Selamat sore');
    expect(greeting('id', at(23, 25))).toBe('Selamat malam');
    expect(greeting('id', at(1))).toBe('Selamat malam');
    expect(greeting('en', at(9))).toBe('Good morning');
    expect(greeting('en', at(21))).toBe('Good evening');
  });
});
