"""jieba's hidden Markov models and block patterns, read without importing ``jieba.posseg``.

Importing ``jieba.posseg`` reads the whole dictionary file into a tag table (about 0.35
s) before anything can be taken from it; the tables the taggers need are plain modules
beside it, each holding one ``P``, and are loaded here from their files. The patterns
with which jieba cuts text into blocks are stated here as jieba states them (a test
compares each with jieba's own).
"""

from __future__ import annotations

import functools
import importlib.util
import re
from pathlib import Path
from types import ModuleType

# jieba's cut: runs of these characters are segmented, the rest split on white space
HAN_DEFAULT = re.compile("([\u4e00-\u9fd5a-zA-Z0-9+#&\\._%\\-]+)", re.U)
SKIP_DEFAULT = re.compile("(\r\n|\\s)", re.U)
# jieba.posseg's cut: the same without % and -, and its pieces within a block
HAN_INTERNAL = re.compile("([\u4e00-\u9fd5a-zA-Z0-9+#&\\._]+)")
SKIP_INTERNAL = re.compile("(\r\n|\\s)")
HAN_DETAIL = re.compile("([\u4e00-\u9fd5]+)")
SKIP_DETAIL = re.compile("([\\.0-9]+|[a-zA-Z0-9]+)")
ENGLISH = re.compile("[a-zA-Z0-9]+")
ENGLISH_CHAR = re.compile("^[a-zA-Z0-9]$", re.U)
NUMBER = re.compile("[\\.0-9]+")
# jieba.finalseg's cut of a run the dictionary does not know
FINALSEG_HAN = re.compile("([\u4e00-\u9fd5]+)")
FINALSEG_SKIP = re.compile("([a-zA-Z0-9]+(?:\\.\\d+)?%?)")


def jieba_folder() -> Path:
    """Where the jieba package lies, found without importing it."""
    spec = importlib.util.find_spec("jieba")
    if spec is None or spec.origin is None:
        raise ImportError("jieba is not installed")
    return Path(spec.origin).parent


def dictionary_file() -> Path:
    """jieba's default dictionary: a word, its frequency and its tag on each line."""
    return jieba_folder() / "dict.txt"


@functools.cache
def model_table(package: str, name: str) -> dict:
    """The ``P`` of one of jieba's model modules (``posseg``/``prob_emit``, ...)."""
    path = jieba_folder() / package / f"{name}.py"
    spec = importlib.util.spec_from_file_location(f"summarizer._jieba_{package}_{name}", path)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot read jieba's {package}/{name}.py")
    module: ModuleType = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.P
