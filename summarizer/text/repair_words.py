"""The fixed word table GBK repair weighs its candidates with.

Apart from the segmenters a pipeline owns (segmenter.py), so that reading the shipped
glossary here never runs back into the glossary's own segmenter.
"""

from __future__ import annotations

import functools

from summarizer.text.charfreq import WordDictionary, jieba_dictionary, with_words


@functools.cache
def repair_dictionary() -> WordDictionary:
    """jieba's words and the names of the glossary shipped with the package (可灵, 快手).

    What mojibake repair weighs its candidates with: fixed, so a repair never depends
    on which glossary a pipeline loaded, or on what was loaded before.
    """
    from summarizer.glossary import load_glossary_file
    from summarizer.paths import data_dir

    shipped = sorted(p for p in data_dir("glossary").glob("*") if p.suffix in (".tsv", ".csv"))
    names = [form for path in shipped for form in load_glossary_file(path).forms()]
    return with_words(jieba_dictionary(), names)
