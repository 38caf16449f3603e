// Random text for the property tests: arbitrary graphemes and UTF-16 units mixed with the pieces
// clinical text and broken input are made of (abbreviations, accents, emoji, zero-width and
// control characters, ligatures, lone surrogate halves, markup, line breaks).
import fc from 'fast-check';

const AWKWARD_PIECES = [
  'aspirin',
  'metformin',
  'Ménière',
  'b.i.d.',
  'Dr.',
  '5-FU',
  '. ',
  ':',
  '\n',
  '\r\n',
  '\t',
  '  ',
  '\u00a0',
  '\u0000',
  '\ufffd',
  '\u200b',
  '\u200d',
  '\u00ad',
  '\u0301',
  'e\u0301',
  '\ufe0f',
  '😀',
  '🩺',
  '👩‍⚕️',
  '中文',
  'ﬁ',
  'İ',
  'ß',
  'x²',
  'α-β',
  '<script>',
  '&amp;',
  '\ud800',
  '\udc00',
  'x'.repeat(120),
];

/** Text of up to `maxParts` random parts. */
export function awkwardText(maxParts = 40): fc.Arbitrary<string> {
  return fc
    .array(
      fc.oneof(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' }), fc.constantFrom(...AWKWARD_PIECES)),
      { maxLength: maxParts },
    )
    .map((parts) => parts.join(''));
}
