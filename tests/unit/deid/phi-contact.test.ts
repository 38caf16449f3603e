// Street addresses: found whole (number, street, unit) in title case or capitals, and not in the
// clinical shorthand that looks like one ("SR TO ST", "3 WAY FOLEY IN PLACE", "2 Head CT").
import { describe, expect, it } from 'vitest';
import { findAddresses } from '../../../workers/tasks/deid/phi-contact.ts';
import { findPhi } from '../../../workers/tasks/deid/phi.ts';

const found = (text: string) => findAddresses(text).map((a) => text.slice(a.start, a.end));

describe('findAddresses', () => {
  it.each([
    ['Address: 42 Elm Street, Apt 3B, Cambridge, MA 02139.', '42 Elm Street, Apt 3B'],
    ['lives at 1200 N. Lake Shore Drive in Chicago', '1200 N. Lake Shore Drive'],
    ['Home: 210 East 64th Street, 8th Floor New York', '210 East 64th Street, 8th Floor'],
    ['ADDRESS 221B BAKER STREET LONDON', '221B BAKER STREET'],
    ['mail to 82-68 164th Street, Jamaica, NY', '82-68 164th Street'],
    ['moved to 17 Oak Ave. last year', '17 Oak Ave.'],
    ['at 5 Maple Ln #2 since May', '5 Maple Ln #2'],
  ])('%s', (text, address) => {
    expect(found(text)).toEqual([address]);
  });

  it.each([
    'CARDIAC- HR 80-103 SR TO ST WITH OCCASIONAL PVC',
    'GU: 3 WAY FOLEY IN PLACE & DRAINING',
    '3L CORDIS STILL IN PLACE.',
    'PT HAD 3 EPSIODES ST IN 130S',
    'Ordered 2 Head CT scans.',
    'Took 2 Tylenol Dr. Smith said.',
    'given 12.5 Main Street',
    'HR 70S\nSR C ST WHEN RETCHING',
    'seen 3 Times\nStreet',
  ])('no address in %j', (text) => {
    expect(found(text)).toEqual([]);
  });

  it('finds post-office boxes and streets named after a preposition', () => {
    expect(found('PO Box 118, Millbrook; P.O. BOX 4471')).toEqual(['PO Box 118', 'P.O. BOX 4471']);
    expect(found('Pharmacy on Main Street; lives off Old Mill Road; on the Road to recovery')).toEqual([
      'Main Street',
      'Old Mill Road',
    ]);
  });

  it('finds ZIP codes after a state name and local numbers after a phone word', () => {
    const text =
      'Austin, Texas 78701; Portland, Maine 04101-2210. Nurse line: 555-0143; wife 555 - 1234; dose 100-2000';
    const spans = findPhi(text).map((p) => [p.type, p.text]);
    expect(spans).toEqual([
      ['ZIP', '78701'],
      ['ZIP', '04101-2210'],
      ['PHONE', '555-0143'],
      ['PHONE', '555 - 1234'],
    ]);
  });

  it('finds UK postcodes and UK numbers with their trunk 0', () => {
    const text = 'Postcode SW1A 1AA, London; call 020 7946 0958 or 07700 900123. Grade T2 N0 M0.';
    expect(findPhi(text).map((p) => [p.type, p.text])).toEqual([
      ['ZIP', 'SW1A 1AA'],
      ['PHONE', '020 7946 0958'],
      ['PHONE', '07700 900123'],
    ]);
  });

  it('reaches findPhi as a location that takes the house number along', () => {
    const text = 'Address: 42 Elm Street, Apt 3B.';
    expect(findPhi(text)).toContainEqual({ type: 'LOCATION', start: 9, end: 30, text: '42 Elm Street, Apt 3B' });
  });
});
