from types import SimpleNamespace

from prof123.auth.services import CODE_ALPHABET, new_code, new_pupil_secret
from prof123.formatting import display_names
from prof123.security import normalise_code


def test_pupil_secrets_are_four_digits_from_2_to_9():
    secrets = {new_pupil_secret() for _ in range(500)}
    assert all(len(s) == 4 and set(s) <= set("23456789") for s in secrets)
    assert len(secrets) > 400  # random, not a fixed list


def test_codes_avoid_look_alike_characters():
    codes = [new_code() for _ in range(300)]
    assert all(len(c) == 6 and set(c) <= set(CODE_ALPHABET) for c in codes)
    assert not set("".join(codes)) & set("01OQDILZ2S5B8UV")


def test_typed_codes_are_forgiving():
    assert normalise_code(" kx4 7pb ") == "KX47PB"
    assert normalise_code("kx4-7pb") == "KX47PB"


def _pupil(public_id, first, last):
    return SimpleNamespace(public_id=public_id, first_name=first, last_name=last)


def test_names_show_surname_initial_unless_two_would_look_the_same():
    pupils = [_pupil("1", "Sam", "Brown"), _pupil("2", "Sam", "Bell"), _pupil("3", "Ava", "Khan")]
    assert display_names(pupils) == {"1": "Sam Brown", "2": "Sam Bell", "3": "Ava K."}
