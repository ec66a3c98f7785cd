"""How claims and figures read on a briefing page: quotes, paraphrases, cues, stances."""

from __future__ import annotations

import html as htmllib
import re

from conftest import SEED_SLUG, Site

from newsroom.model import Claim
from newsroom.pages.sources import attribution, is_verbatim, stance_sentence


def claim(text: str, body: str, **fields: object) -> Claim:
    """A claim over the first occurrence of ``text`` in ``body``."""
    start = body.index(text)
    values: dict[str, object] = {"source": None, "source_text": "X", "cue": "said", "sentence": 0}
    values.update(fields)
    return Claim(text=text, start=start, end=start + len(text), **values)  # type: ignore[arg-type]


def test_verbatim_or_paraphrase() -> None:
    """A claim inside quotation marks is verbatim; reported speech and partial quotes are not."""
    body = "“The talks will resume,” Lavrov said. He said the talks would resume in “due course”."
    assert is_verbatim(body, claim("The talks will resume", body))
    assert not is_verbatim(body, claim("the talks would resume in “due course", body))


def test_attribution_reads_as_a_sentence() -> None:
    """The cue and the chain read as English: "Tass, citing the Kremlin, reported"."""
    body = "Putin will travel."
    chained = claim(
        "Putin will travel", body, source_text="Tass", cue="reported", via_text="the Kremlin"
    )
    assert attribution(chained) == "Tass, citing the Kremlin, reported"
    according = claim("Putin will travel", body, source_text="Yonhap", cue="according to")
    assert attribution(according) == "according to Yonhap"
    stance = claim("Putin will travel", body, source_text="Kim", cue="praised", kind="stance")
    assert stance_sentence(stance) == "Kim praised Putin will travel"


def test_seed_page_reads(seed_site: Site) -> None:
    """On the built seed page: paraphrases unquoted, the chain as a phrase, praise as a stance,
    figures with their own words."""
    page = seed_site.html(f"briefings/{SEED_SLUG}")
    start = page.index("briefing-source-group")
    section = htmllib.unescape(page[start : page.index('id="key-figures"', start)])
    assert "according to Russia’s state-run Tass news agency, citing the Kremlin" in section
    assert "according to citing" not in section
    # Reported speech is not set as a quotation.
    assert "<q>North Korea has sent around 15,000 troops" not in section
    assert re.search(r"<li>North Korea has sent around 15,000 troops", section)
    stance = re.search(r'<li class="briefing-stance">(.*?)</li>', section)
    assert stance is not None and "Putin praised the “bravery" in stance.group(1)
    figures = htmllib.unescape(page[page.index('id="key-figures"') :])
    assert "<strong>thousands</strong> of military construction workers and deminers" in figures
