"""What importing the package does: nothing to the process, and it says its version."""

import subprocess
import sys

import summarizer


def test_importing_the_package_leaves_warning_filters_alone():
    code = (
        "import warnings, numpy\n"  # numpy's own filters are numpy's business
        "before = list(warnings.filters)\n"
        "import summarizer\n"
        "from summarizer.charfreq import segmenter\n"
        "segmenter()\n"
        "assert warnings.filters == before, warnings.filters\n"
    )
    result = subprocess.run(
        [sys.executable, "-W", "error::UserWarning", "-c", code], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr


def test_the_package_has_a_version():
    assert summarizer.__version__ == "0.1.0"


def test_every_user_error_shares_one_base():
    from summarizer import GlossaryError, InputError, SummarizerError
    from summarizer.models import ModelLoadError, ModelNotFoundError

    for error in (InputError, GlossaryError, ModelNotFoundError, ModelLoadError):
        assert issubclass(error, SummarizerError) and issubclass(error, ValueError)
