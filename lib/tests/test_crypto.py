"""The encryption helpers on their own: a token reads back, another key cannot read it, rotation is detected."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from lib import crypto


@pytest.fixture
def keys(settings):
    def use(*values):
        settings.DATA_ENCRYPTION_KEYS = list(values)
        crypto.reset_keys()

    yield use
    crypto.reset_keys()


def test_text_reads_back_and_the_token_hides_it(keys):
    keys(crypto.generate_key())
    token = crypto.encrypt("I called my sponsor tonight ✓")
    assert "sponsor" not in token and token.startswith("gAAAAA")
    assert crypto.decrypt(token) == "I called my sponsor tonight ✓"
    assert crypto.encrypt("same") != crypto.encrypt("same")  # a fresh IV each time


def test_a_token_under_an_old_key_needs_rotation_and_still_reads(keys):
    old, new = crypto.generate_key(), crypto.generate_key()
    keys(old)
    token = crypto.encrypt("kept")
    keys(new, old)
    assert crypto.needs_rotation(token) and crypto.decrypt(token) == "kept"
    assert not crypto.needs_rotation(crypto.encrypt("fresh"))
    keys(new)
    with pytest.raises(crypto.InvalidToken):
        crypto.decrypt(token)


def test_without_configured_keys_a_key_is_derived_from_the_secret_key(keys, settings):
    keys()
    assert crypto.keys()._fernets[0]._signing_key  # a key
    assert crypto.decrypt(crypto.encrypt("a usable key")) == "a usable key"
    assert crypto.derive_key(settings.SECRET_KEY) == crypto.derive_key(settings.SECRET_KEY)
    assert crypto.derive_key("a") != crypto.derive_key("b")


def test_a_malformed_key_is_a_configuration_error(keys):
    keys("not-a-fernet-key")
    with pytest.raises(ImproperlyConfigured, match="DATA_ENCRYPTION_KEYS"):
        crypto.encrypt("x")
