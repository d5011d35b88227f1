import pytest

from congso.dossiers.tests.factories import OneStop, build_one_stop


@pytest.fixture
def one_stop(db) -> OneStop:
    return build_one_stop()
