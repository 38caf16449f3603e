// Inputs every exported text function must survive.
const big = 'The patient denies chest pain, 1/2/2020, call 555-123-4567. '.repeat(35_000); // ~2 MB

export const NASTY_INPUTS: Record<string, string> = {
  empty: '',
  whitespace: ' \t\n\r\n   \n',
  binary: 'a\u0000b\u0001\uFFFD\uD800x\uDC00y\uDFFF\uD83D',
  html: '<script>alert("no fever")</script><b>HISTORY:</b> denies pain. <img src=x onerror=alert(1)>',
  crlf: 'HISTORY OF PRESENT ILLNESS:\r\nNo fever.\r\nFAMILY HISTORY:\r\nMother had diabetes.\r\n',
  unicode: 'Patiënt ñoño denies café-induced pain 😀 in 北京. 患者は発熱なし。 Émoji 👨‍👩‍👧 test.',
  mega: big,
  longWord: 'x'.repeat(5000) + ' ' + '😀'.repeat(1500),
};

export const isBigInput = (name: string): boolean => name === 'mega';
