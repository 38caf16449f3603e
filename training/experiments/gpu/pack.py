"""Summary of the calibrated tail runs (session 9 rule) + the best candidates' step-2 checkpoints, fp16, split in 15 MB parts."""
import io
import json
import os
import sys
import torch

O, G = sys.argv[1], sys.argv[2]
R = "work/runs"
summary = {}
for c in "ABC":
    got = {}
    for s in (7, 21):
        p = f"{R}/{c}_t{s}_cal/best.pt"
        if os.path.exists(p):
            ck = torch.load(p, map_location="cpu", weights_only=False)
            got[s] = {k: float(v) for k, v in ck["dev"].items() if k in ("recall", "precision", "o_bias_offset")}
    summary[c] = {
        "seeds": got,
        "mean_tokens": sum(g["recall"] for g in got.values()) / len(got) * 603 if len(got) == 2 else None,
    }
order = sorted([c for c in "ABC" if summary[c]["mean_tokens"]], key=lambda c: -summary[c]["mean_tokens"])
summary["order"] = order
print(json.dumps(summary))
json.dump(summary, open(f"{G}/summary.json", "w"))
half = lambda sd: {k: (v.half() if v.is_floating_point() else v) for k, v in sd.items()}
budget = 46e6
for c in order[:2]:
    p = f"{R}/{c}_all_cal/best.pt"
    if not os.path.exists(p):
        continue
    ck = torch.load(p, map_location="cpu", weights_only=False)
    ck["state"] = half(ck["state"])
    for m in ck.get("members", []):
        m["state"] = half(m["state"])
    if ck.get("members"):  # the first member's state is ck["state"]: store it once
        ck["state"] = ck["members"][0]["state"]
    buf = io.BytesIO()
    torch.save(ck, buf)
    b = buf.getvalue()
    if len(b) > budget:
        break
    budget -= len(b)
    for i in range(0, len(b), 15_000_000):
        open(f"{O}/{c}_all_cal.pt.part{i // 15_000_000}", "wb").write(b[i : i + 15_000_000])
