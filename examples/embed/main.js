// The library as another web app uses it (see README "Library"): one client, typed calls with
// progress and cancellation. Here the package's dist-lib/ is served at ./medtext/.
import { createMedText } from './medtext/medtext.js';

const medtext = createMedText({ baseUrl: './medtext/' });
const status = document.getElementById('status');
const list = document.getElementById('entities');
let controller = null;

document.getElementById('run').addEventListener('click', async () => {
  controller?.abort();
  controller = new AbortController();
  list.replaceChildren();
  status.textContent = 'Working…';
  try {
    const entities = await medtext.entities(document.getElementById('note').value, {
      signal: controller.signal,
      onProgress: (e) =>
        (status.textContent = `${e.stage}${e.fraction !== undefined ? ` ${Math.round(e.fraction * 100)} %` : ''}`),
    });
    for (const e of entities) {
      const item = document.createElement('li');
      item.textContent = `${e.text} — ${e.type}, ${e.assertion}${e.concept ? `, ${e.concept.source} ${e.concept.id}` : ''}`;
      item.dataset.testid = 'entity';
      list.append(item);
    }
    status.textContent = `${entities.length} entities`;
  } catch (err) {
    status.textContent = err.name === 'AbortError' ? 'Cancelled.' : `Failed: ${err.message}`;
  }
});

document.getElementById('cancel').addEventListener('click', () => controller?.abort());
