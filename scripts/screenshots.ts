// Screenshots of each view with a realistic (invented) example result, for the docs:
// docs/screenshots/<view>.png at 1280×800, plus the entities view in the dark theme and on a
// 375 px phone. Needs the built app served (e.g. `npx vite preview --port 4173`):
//   npx tsx scripts/screenshots.ts [baseURL]
// Not part of `npm test`: the images are committed, and re-taken when the views change.
import { mkdirSync } from 'node:fs';
import { chromium, type Page } from '@playwright/test';

const BASE = process.argv[2] ?? 'http://localhost:4173/';
const OUT = 'docs/screenshots';
const RESULT_TIMEOUT = 120_000;

const NOTE = [
  'CHIEF COMPLAINT: Shortness of breath.',
  '',
  'HISTORY OF PRESENT ILLNESS: A 68-year-old woman with type 2 diabetes mellitus and hypertension presents with',
  'three days of worsening dyspnea and ankle swelling. She denies chest pain. Her mother had breast cancer.',
  'She was started on lisinopril last month and developed a dry cough.',
  '',
  'MEDICATIONS: Metformin 1000 mg twice daily, lisinopril 20 mg daily, aspirin 81 mg daily.',
  '',
  'ASSESSMENT AND PLAN: Possible congestive heart failure. Start furosemide 40 mg daily; stop lisinopril',
  'because of the cough. Echocardiogram tomorrow.',
].join('\n');

const DEID_NOTE = [
  'Patient: Maria Gonzalez, MRN 00482913, seen on 03/14/2024 at Riverside Clinic, Springfield.',
  'Her daughter Ana (phone 555-0142) will drive her home. Follow up with Dr. Peter Hall in two weeks.',
].join('\n');

async function shoot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `${OUT}/${name}.png`, animations: 'disabled' });
  console.log(`${OUT}/${name}.png`);
}

async function open(page: Page, view: string): Promise<void> {
  await page.goto(`${BASE}#${view}`);
  await page.locator(`#panel-${view}`).waitFor();
}

async function entities(page: Page): Promise<void> {
  await open(page, 'entities');
  await page.getByTestId('entities-input').fill(NOTE);
  await page.getByTestId('entities-run').click();
  await page.getByTestId('entity-row').first().waitFor({ timeout: RESULT_TIMEOUT });
  await page.getByTestId('assertion-legend').locator('summary').click();
  // The result, not the input, is what the picture is for.
  await page.getByTestId('entities-result').evaluate((el) => el.scrollIntoView());
}

const VIEWS: [string, (page: Page) => Promise<void>][] = [
  [
    'classify',
    async (page) => {
      await open(page, 'classify');
      await page.getByTestId('classify-input').fill(NOTE);
      await page.getByTestId('classify-run').click();
      await page.getByTestId('label-row').first().waitFor({ timeout: RESULT_TIMEOUT });
      await page
        .getByTestId('classify-result')
        .first()
        .evaluate((el) => el.scrollIntoView());
    },
  ],
  [
    'similarity',
    async (page) => {
      await open(page, 'similarity');
      await page.getByTestId('similarity-source').fill('What is the treatment for a heart attack?');
      await page
        .getByTestId('similarity-candidates')
        .fill(
          [
            'How is myocardial infarction treated?',
            'What are the symptoms of a heart attack?',
            'Is aspirin safe during pregnancy?',
            'How long does recovery from hip replacement take?',
          ].join('\n'),
        );
      await page.getByTestId('similarity-run').click();
      await page.getByTestId('hit-row').first().waitFor({ timeout: RESULT_TIMEOUT });
    },
  ],
  ['entities', entities],
  [
    'deid',
    async (page) => {
      await open(page, 'deid');
      await page.getByTestId('deid-input').fill(DEID_NOTE);
      await page.getByTestId('deid-run').click();
      await page.getByTestId('deid-replacement').first().waitFor({ timeout: RESULT_TIMEOUT });
      await page.getByTestId('deid-output').evaluate((el) => el.scrollIntoView({ block: 'center' }));
    },
  ],
  ['collections', (page) => open(page, 'collections')],
  ['settings', (page) => open(page, 'settings')],
  ['about', (page) => open(page, 'about')],
];

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox'],
  });
  try {
    const desktop = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    for (const [name, prepare] of VIEWS) {
      await prepare(desktop);
      await shoot(desktop, name);
    }
    const dark = await browser.newPage({ viewport: { width: 1280, height: 800 }, colorScheme: 'dark' });
    await entities(dark);
    await shoot(dark, 'entities-dark');
    const phone = await browser.newPage({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });
    await entities(phone);
    await phone.getByTestId('entity-table').evaluate((el) => el.scrollIntoView());
    await phone.screenshot({ path: `${OUT}/entities-phone.png` });
    console.log(`${OUT}/entities-phone.png`);
  } finally {
    await browser.close();
  }
}

await main();
