import pytest

from congso.accounts.tests.factories import World, build_world


@pytest.fixture
def world(db) -> World:
    return build_world()
