// Run one ONNX file with onnxruntime-node (from the app's node_modules) over padded batches dumped
// by Python (eval_q8.py; export_onnx.py's check, with --exact: logits not rounded to 4 decimals).
// usage: node training/ort_run.mjs model.onnx batches.json [--exact]  -> batches.out.json
import { createRequire } from 'module';
import fs from 'fs';
const require = createRequire(import.meta.url);
const ort = require('../node_modules/onnxruntime-node');
const [model, inp, flag] = process.argv.slice(2);
const round = flag === '--exact' ? (v) => v : (v) => Math.round(v * 1e4) / 1e4;
const { batches } = JSON.parse(fs.readFileSync(inp, 'utf8'));
const s = await ort.InferenceSession.create(model, { intraOpNumThreads: 1 });
const out = [];
for (const b of batches) {
  const B = b.input_ids.length, T = b.input_ids[0].length;
  const t = (a) => new ort.Tensor('int64', BigInt64Array.from(a.flat().map(BigInt)), [B, T]);
  const r = await s.run({ input_ids: t(b.input_ids), attention_mask: t(b.attention_mask),
                          token_type_ids: t(b.token_type_ids) });
  out.push({ dims: r.logits.dims, data: Array.from(r.logits.data, round) });
}
fs.writeFileSync(inp.replace(/\.json$/, '.out.json'), JSON.stringify(out));
