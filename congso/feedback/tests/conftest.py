import pytest

from congso.accounts.models import User
from congso.dossiers.tests.factories import OneStop, build_one_stop
from congso.feedback.tests.factories import citizen as make_citizen


@pytest.fixture
def one_stop(db) -> OneStop:
    return build_one_stop()


@pytest.fixture
def citizen(db) -> User:
    return make_citizen("congdan")


@pytest.fixture
def other_citizen(db) -> User:
    return make_citizen("congdan2", full_name="Trần Văn Bình")


@pytest.fixture(autouse=True)
def _media(settings, tmp_path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
