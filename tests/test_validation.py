"""Email address checks, compared with email-validator over its own syntax tests.

email-validator (https://github.com/JoshData/python-email-validator) is a
test oracle only; rejectkit does not depend on it. The addresses are every
one in its ``tests/test_syntax.py`` (``tests/data/email_validator_corpus.json``),
valid and invalid alike: rejectkit must accept and refuse the same ones,
apart from the few it refuses on purpose (`STRICTER`).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Final

import email_validator
import pytest

from rejectkit import ValidationError
from rejectkit._validation import SPECIAL_USE_DOMAINS, ascii_email

if TYPE_CHECKING:
    from collections.abc import Iterator

    from email_validator import ValidatedEmail

CORPUS: Final = json.loads(
    (Path(__file__).parent / "data" / "email_validator_corpus.json").read_text(
        encoding="utf-8"
    )
)

# Addresses email-validator accepts and rejectkit refuses on purpose; each
# rule is listed in docs/errors.md.
STRICTER: Final = {
    # "=?" in the local part: mail programs decode "=?...?=" as an encoded
    # word, which has smuggled header lines past Python's email package.
    "!#$%&'*+-/=?^_`.{|}~@example.tld",
    "!#$%&`*+/=?^`{|}~@iana.org",
}


def _oracle(address: str) -> ValidatedEmail | None:
    """Validate *address* with email-validator set up as rejectkit's rules are."""
    try:
        return email_validator.validate_email(
            address,
            # rejectkit checks the syntax only and never looks a domain up.
            check_deliverability=False,
            # rejectkit sends without SMTPUTF8: the local part is ASCII and
            # a domain in another script goes out as its xn-- form.
            allow_smtputf8=False,
            # strict adds RFC 5321's 64-character limit on the local part.
            strict=True,
            # The rest are the defaults, spelled out because they are
            # module-wide settings. One plain address: no display name, no
            # quoted or empty local part, no [IP] domain literal.
            allow_display_name=False,
            allow_quoted_local=False,
            allow_empty_local=False,
            allow_domain_literal=False,
            # An address that can receive mail: a dot in the domain, a
            # top-level domain that ends in a letter, no special-use
            # domain, .test included.
            globally_deliverable=True,
            test_environment=False,
        )
    except email_validator.EmailNotValidError:
        return None


def _corpus() -> Iterator[object]:
    for test, addresses in CORPUS["cases"].items():
        for index, address in enumerate(addresses):
            yield pytest.param(address, id=f"{test}[{index}]")


def test_the_corpus_holds_email_validators_syntax_tests() -> None:
    assert CORPUS["version"] == "2.4.0"
    addresses = [a for group in CORPUS["cases"].values() for a in group]
    assert len(addresses) == 320
    assert set(addresses) >= STRICTER


@pytest.mark.parametrize("address", list(_corpus()))
def test_email_checks_agree_with_email_validator(address: str) -> None:
    oracle = _oracle(address)
    if address in STRICTER:
        assert oracle is not None, "no longer a deliberate difference"
    if oracle is None or address in STRICTER:
        with pytest.raises(ValidationError) as caught:
            ascii_email(address, "email")
        assert [path for path, _ in caught.value.problems] == ["email"]
        return
    # Both keep the local part as written; email-validator writes the
    # domain in lower case, rejectkit keeps an ASCII label's case.
    local, _, domain = ascii_email(address, "email").rpartition("@")
    assert (local, domain.lower()) == (oracle.local_part, oracle.ascii_domain)


def test_the_special_use_domains_are_email_validators() -> None:
    assert set(SPECIAL_USE_DOMAINS) == set(email_validator.SPECIAL_USE_DOMAIN_NAMES)
