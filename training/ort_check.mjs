// Optional check used by export_onnx.py: run onnx/model.onnx and onnx/model_quantized.onnx with
// onnxruntime-node (from the app's node_modules) on inputs dumped by Python; writes <inp>.out.json.
// usage: node training/ort_check.mjs models/<name> /path/inputs.json
import { createRequire } from 'module';
import fs from 'fs';
const require = createRequire(import.meta.url);
const ort = require('../node_modules/onnxruntime-node');
const [dir, inp] = process.argv.slice(2);
const x = JSON.parse(fs.readFileSync(inp, 'utf8'));
const B = x.input_ids.length, T = x.input_ids[0].length;
const t = (a) => new ort.Tensor('int64', BigInt64Array.from(a.flat().map(BigInt)), [B, T]);
const out = {};
for (const f of ['model.onnx', 'model_quantized.onnx']) {
  const s = await ort.InferenceSession.create(`${dir}/onnx/${f}`);
  const r = await s.run({ input_ids: t(x.input_ids), attention_mask: t(x.attention_mask),
                          token_type_ids: t(x.token_type_ids) });
  out[f] = { dims: r.logits.dims, data: Array.from(r.logits.data) };
}
fs.writeFileSync(inp.replace(/\.json$/, '.out.json'), JSON.stringify(out));
