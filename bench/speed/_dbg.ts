import { openProfile } from './browser.ts';
import { snapshotDist, startPreview } from './server.ts';
const snap = await snapshotDist('/work/main');
const s = await startPreview('/work/main', snap.dir);
const prof = await openProfile(false);
const ctx = prof.context;
ctx.on('requestfailed', (r) => console.log('FAILED', r.url(), r.failure()?.errorText));
ctx.on('response', (r) => {
  if (r.status() >= 400) console.log('HTTP', r.status(), r.url());
});
const p = await ctx.newPage();
p.on('console', (m) => console.log('console', m.type(), m.text()));
await p.goto(s.url);
for (let i = 0; i < 12; i++) {
  await new Promise((r) => setTimeout(r, 5000));
  console.log(
    await p.evaluate(async () => {
      const reg = await navigator.serviceWorker.getRegistration();
      return {
        reg: !!reg,
        installing: reg?.installing?.state,
        waiting: reg?.waiting?.state,
        active: reg?.active?.state,
        controller: !!navigator.serviceWorker.controller,
      };
    }),
  );
}
await prof.close();
await s.stop();
await snap.remove();
