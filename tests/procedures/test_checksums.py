"""Check digits of SIRET, IBAN and NIR, with hypothesis-generated numbers."""

from hypothesis import given
from hypothesis import strategies as st

from essaim.procedures.fields import checksums

digits = st.text(alphabet="0123456789", min_size=13, max_size=13)


def _complete_luhn(body: str) -> str:
    return next(body + d for d in "0123456789" if checksums.luhn_ok(body + d))


def _mutate(number: str, position: int, delta: int) -> str:
    position %= len(number)
    changed = (int(number[position]) + delta) % 10
    return number[:position] + str(changed) + number[position + 1 :]


@given(digits)
def test_a_siret_with_its_luhn_digit_is_valid(body):
    siret = _complete_luhn(body)
    if not siret.startswith(checksums.LA_POSTE_SIREN):
        assert checksums.siret_ok(siret)


@given(digits, st.integers(0, 13), st.integers(1, 9))
def test_a_siret_with_one_wrong_digit_is_refused(body, position, delta):
    siret = _complete_luhn(body)
    if not siret.startswith(checksums.LA_POSTE_SIREN[:5]):
        assert not checksums.siret_ok(_mutate(siret, position, delta))


def test_la_poste_establishments_follow_the_sum_of_digits_rule():
    assert checksums.siret_ok("35600000000048")  # head office, Luhn
    assert checksums.siret_ok("35600000049837")  # an establishment: digits add up to 45
    assert not checksums.luhn_ok("35600000049837")
    assert not checksums.siret_ok("35600000049838")


def test_known_sirets():
    assert checksums.siret_ok("13002526500013")  # DINUM
    assert not checksums.siret_ok("13002526500014")
    assert not checksums.siret_ok("1300252650001")


def _iban(country: str, bban: str) -> str:
    key = 98 - checksums.iban_mod97(f"{country}00{bban}")
    return f"{country}{key:02d}{bban}"


@given(st.text(alphabet="0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=23, max_size=23))
def test_a_french_iban_with_its_key_is_valid(bban):
    assert checksums.iban_ok(_iban("FR", bban))


@given(
    st.text(alphabet="0123456789", min_size=23, max_size=23),
    st.integers(4, 26),
    st.integers(1, 9),
)
def test_an_iban_with_one_wrong_digit_is_refused(bban, position, delta):
    iban = _iban("FR", bban)
    assert not checksums.iban_ok(_mutate(iban, position, delta))


def test_known_ibans():
    assert checksums.iban_ok("FR7630006000011234567890189")
    assert checksums.iban_ok("DE89370400440532013000")
    assert not checksums.iban_ok("FR7630006000011234567890188")
    assert not checksums.iban_ok("FR763000600001123456789018")  # one character short


nir_bodies = st.builds(
    lambda sex, year, month, department, rest: f"{sex}{year:02d}{month:02d}{department}{rest}",
    st.sampled_from("12"),
    st.integers(0, 99),
    st.integers(1, 12),
    st.one_of(st.integers(1, 95).map(lambda d: f"{d:02d}"), st.sampled_from(["2A", "2B"])),
    st.text(alphabet="0123456789", min_size=6, max_size=6),
)


@given(nir_bodies)
def test_a_nir_with_its_key_is_valid_including_corsica(body):
    nir = f"{body}{checksums.nir_key(body):02d}"
    assert checksums.nir_ok(nir)


@given(nir_bodies, st.integers(7, 12), st.integers(1, 9))
def test_a_nir_with_one_wrong_digit_is_refused(body, position, delta):
    nir = f"{body}{checksums.nir_key(body):02d}"
    assert not checksums.nir_ok(_mutate(nir, position, delta))


def test_corsica_keys_use_19_for_2a_and_18_for_2b():
    body_2a, body_2b = "185052A123456", "185052B123456"
    assert checksums.nir_key(body_2a) == 97 - int("1850519123456") % 97
    assert checksums.nir_key(body_2b) == 97 - int("1850518123456") % 97
    assert checksums.nir_ok("269054958815780")
