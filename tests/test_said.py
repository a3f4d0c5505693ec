"""Problem details in our own words (``Said``): English for programs and logs, the reader's language on pages, and
unchanged across the pipe from a worker process."""

from __future__ import annotations

import pickle

from cityref import i18n
from cityref.errors import Busy, Said, too_many_triples
from cityref.workers.process import _rebuild


def test_a_said_detail_is_its_english_text_and_crosses_a_pipe_whole() -> None:
    said = Said(
        "The %(work)s queue is full (%(waiting)s waiting); try again shortly", work=Said("validation"), waiting=8
    )
    assert said == "The validation queue is full (8 waiting); try again shortly"
    copy = pickle.loads(pickle.dumps(Busy(said, retry_after_s=2)))
    assert isinstance(copy.detail, Said) and copy.detail.template == said.template
    assert copy.detail.values["waiting"] == 8 and copy.detail.values["work"].template == "validation"
    # a worker's error is rebuilt from its parts in the server, the detail with them
    rebuilt = _rebuild(*pickle.loads(pickle.dumps(("LimitExceeded", too_many_triples(5).detail, {}, {}))))
    assert i18n.said(rebuilt.detail, "it") == ("I dati contengono più di 5 triple", "it")


def test_said_translates_the_values_that_are_ours_too() -> None:
    said = Said(
        "The %(work)s queue is full (%(waiting)s waiting); try again shortly", work=Said("validation"), waiting=8
    )
    assert i18n.said(said, "fr") == (
        "La file d'attente des validations est pleine (8 en attente) ; réessayez dans un instant",
        "fr",
    )
    assert i18n.said(said, "en") == (str(said), "en")


def test_text_that_is_not_ours_or_not_in_the_catalogue_stays_english() -> None:
    assert i18n.said("Unexpected end of file at line 2", "de") == ("Unexpected end of file at line 2", "en")
    assert i18n.said(Said("A sentence no catalogue holds"), "es") == ("A sentence no catalogue holds", "en")
