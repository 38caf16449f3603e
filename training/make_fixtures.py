"""Dump the tokenizer fixture (committed as training/fixtures/tokenization.json): sentences with the
words/offsets, sub-word ids and lexicon features computed by textproc.py, so the TypeScript side can
check it computes the same.
The vocabulary is the shared one (identical in every models/*/tokenizer.json); the lexicon is the
small one embedded in the fixture file (plus, if present, checks against models/entities/lexicon.json)."""
import argparse
import json
import os

import textproc as tp

HERE = os.path.dirname(os.path.abspath(__file__))

SENTENCES = [
    "Naloxone reverses the antihypertensive effect of clonidine.",
    "5-Fluorouracil (5-FU) induced cardiotoxicity in a 63-year-old man.",
    "Patients with type 2 diabetes mellitus received metformin 500 mg b.i.d.",
    "Café-au-lait spots and Ménière's disease; naïve façade résumé.",
    "ÀÉÎÕÜ àéîõü ÇçÑñ Øø Åå ßẞ",
    "The patient's BP was 120/80 mmHg, HR 72 bpm, T 37.5°C.",
    "Hypokalemia (K+ < 3.5 mEq/L) was noted after furosemide.",
    "Anti-TNF-α therapy with infliximab ± methotrexate.",
    "β-blockers, ACE-inhibitors and Ca²⁺-channel blockers.",
    "Pneumonoultramicroscopicsilicovolcanoconiosis is a very long word.",
    "x" * 120 + " is longer than 100 characters.",
    "Acetaminophen-induced hepatotoxicity — a case report.",
    "He denies chest pain, shortness of breath, or palpitations.",
    "“Quoted” text with ‘single quotes’ and «guillemets».",
    "Tabs\tand\nnewlines\r\nand  double  spaces.",
    "Zero\u200bwidth space and soft\u00adhyphen and NBSP\u00a0here.",
    "Control\x07char and NUL\x00char and replacement\ufffdchar.",
    "中文字符 mixed with English and 日本語.",
    "Emoji 😀 in a clinical note 🩺.",
    "ICD-10 code E11.9; CPT 99213.",
    "IL-6, TNF-alpha and CRP levels were elevated (p<0.001).",
    "Doxorubicin-induced cardiomyopathy in children with acute lymphoblastic leukemia.",
    "Lithium toxicity presenting as Parkinson's disease.",
    "The combination of cisplatin and gemcitabine caused nephrotoxicity.",
    "Haloperidol-induced neuroleptic malignant syndrome.",
    "Serum creatinine rose from 1.2 to 3.4 mg/dL.",
    "Non-small-cell lung cancer (NSCLC) stage IIIb.",
    "Ondansetron 4 mg IV q6h PRN nausea/vomiting.",
    "Allergies: NKDA.",
    "MRI brain w/o contrast: no acute intracranial abnormality.",
    "Status post left total knee arthroplasty.",
    "HISTORY OF PRESENT ILLNESS:, The patient is a 45-year-old female.",
    "Breast cancer and ovarian cancer in BRCA1 mutation carriers.",
    "Huntington's disease is an autosomal dominant neurodegenerative disorder.",
    "Aspirin, ibuprofen, and naproxen are NSAIDs.",
    "Warfarin + amiodarone → ↑INR.",
    "Dose: 0.5–1.0 mg/kg/day ×3 days.",
    "St. John's wort interacts with cyclosporine.",
    "Tetracycline-induced pseudotumor cerebri.",
    "Ἀθῆναι and Ωμέγα with Greek accents.",
    "Cyrillic: Москва, Ёлка.",
    "Arabic ١٢٣ digits and Devanagari १२३.",
    "Ligatures ﬁ ﬂ and full-width ＡＢＣ１２３.",
    "Combining: e\u0301 a\u0308 n\u0303 standalone \u0301 mark.",
    "Turkish İstanbul and ı dotless.",
    "Final sigma: ΟΔΟΣ and Σίσυφος.",
    "",
    "   ",
    "...!!!???",
    "a",
]

LEXICON = {
    "types": ["Chemical", "Disease"],
    "max_words": 10,
    "terms": {
        "Chemical": [
            "naloxone",
            "clonidine",
            "5 - fluorouracil",
            "5 - fu",
            "metformin",
            "furosemide",
            "infliximab",
            "methotrexate",
            "acetaminophen",
            "doxorubicin",
            "lithium",
            "cisplatin",
            "gemcitabine",
            "haloperidol",
            "creatinine",
            "aspirin",
            "ibuprofen",
            "naproxen",
            "warfarin",
            "amiodarone",
            "tetracycline",
            "cyclosporine",
            "ondansetron",
        ],
        "Disease": [
            "cardiotoxicity",
            "type 2 diabetes mellitus",
            "diabetes mellitus",
            "diabetes",
            "hypokalemia",
            "hepatotoxicity",
            "chest pain",
            "cardiomyopathy",
            "acute lymphoblastic leukemia",
            "leukemia",
            "parkinson ' s disease",
            "nephrotoxicity",
            "neuroleptic malignant syndrome",
            "lung cancer",
            "nausea",
            "vomiting",
            "breast cancer",
            "ovarian cancer",
            "huntington ' s disease",
            "pseudotumor cerebri",
            "lithium toxicity",
            "menière ' s disease",
            "meniere ' s disease",
        ],
    },
}


def build(tokenizer_json):
    """-> the fixture document for the vocabulary of `tokenizer_json`."""
    with open(tokenizer_json, encoding="utf-8") as f:
        vocab = json.load(f)["model"]["vocab"]
    wp = tp.WordPiece(vocab)
    lex = tp.Lexicon(LEXICON["types"], LEXICON["terms"], LEXICON["max_words"])
    cases = []
    for s in SENTENCES:
        ws = tp.words(s)
        norm = [w for w, _, _ in ws]
        ids, tt, widx = tp.encode_words(wp, norm, lex.features(norm), max_length=512)
        cases.append(
            {
                "text": s,
                "words": [{"text": s[a:b], "norm": w, "start": a, "end": b} for w, a, b in ws],
                "input_ids": ids,
                "tokens": [wp.itos[i] for i in ids],
                "token_type_ids": tt,
                "word_index": widx,
                "word_features": lex.features(norm),
            }
        )
    doc = {
        "about": "Generated by training/make_fixtures.py from training/textproc.py (CONTRACT.md). "
        "Offsets are Python str indices (Unicode code points); JS strings index UTF-16 code "
        "units, which differ only after astral characters (the emoji case). word_index = "
        "word of each sub-word (-1 for [CLS]/[SEP]). max_length 512 (no truncation).",
        "vocab_from": "models/*/tokenizer.json (all models share one vocabulary)",
        "lexicon": LEXICON,
        "cases": cases,
    }
    return doc


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--tokenizer", default=os.path.join(HERE, "work/tokenizer/tokenizer.json"))
    ap.add_argument(
        "--out",
        default=os.path.join(HERE, "work/fixtures/tokenization.json"),
        help="the committed copy is fixtures/tokenization.json (build_all.sh --install)",
    )
    a = ap.parse_args()
    doc = build(a.tokenizer)
    os.makedirs(os.path.dirname(os.path.abspath(a.out)), exist_ok=True)
    with open(a.out, "w", encoding="utf-8") as f:
        json.dump(doc, f, ensure_ascii=False, indent=1)
    print(f"{len(doc['cases'])} cases -> {a.out}")


if __name__ == "__main__":
    main()
