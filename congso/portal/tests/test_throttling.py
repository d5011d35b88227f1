"""Rate limit of the lookup: per client address and minute, unknown codes cost
more, the page and the API share one budget, 0 turns it off."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import translation
from django.utils.translation import ngettext

from congso.portal.tests.conftest import NOW
from congso.portal.throttling import MISS_COST

pytestmark = pytest.mark.django_db

UNKNOWN = "H57.10.01-260302-0999"


def page(code: str) -> str:
    return reverse("portal:dossier-lookup-result", args=[code])


def api(code: str) -> str:
    return reverse("api-public-dossier-detail", args=[code])


def test_found_lookups_stop_at_the_limit_with_a_429(client, settings, lookup) -> None:
    """The fourth lookup in a minute with a limit of 3 is refused in the layout,
    with Retry-After up to the end of the minute."""
    settings.LOOKUP_RATE_LIMIT = 3
    code = lookup.waiting.code
    assert [client.get(page(code)).status_code for _ in range(3)] == [200] * 3
    response = client.get(page(code))
    assert response.status_code == 429
    wait = 60 - NOW.second
    assert response["Retry-After"] == str(wait)
    with translation.override("vi"):
        message = ngettext(
            "Too many lookups from your address. Please wait %(seconds)s second "
            "and try again.",
            "Too many lookups from your address. Please wait %(seconds)s seconds "
            "and try again.",
            wait,
        ) % {"seconds": wait}
    assert message in response.content.decode()
    assert 'id="main"' in response.content.decode()


def test_unknown_codes_cost_more_than_found_ones(client, settings, lookup) -> None:
    """With a limit of 10: ten existing dossiers may be opened, but two guesses
    use the whole budget."""
    settings.LOOKUP_RATE_LIMIT = 2 * MISS_COST
    for _ in range(2 * MISS_COST):
        assert client.get(page(lookup.waiting.code)).status_code == 200
    with time_machine.travel(NOW + timedelta(minutes=1), tick=False):
        assert client.get(page(UNKNOWN)).status_code == 404
        assert client.get(page("abc")).status_code == 400
        assert client.get(page(lookup.waiting.code)).status_code == 429


def test_page_and_api_share_the_budget_per_address(client, settings, lookup) -> None:
    """Two lookups from one address (page, then API) use a budget of 2; another
    address still has its own."""
    settings.LOOKUP_RATE_LIMIT = 2
    code = lookup.returned.code
    assert client.get(page(code)).status_code == 200
    assert client.get(api(code)).status_code == 200
    refused = client.get(api(code))
    assert refused.status_code == 429
    assert refused.json()["code"] == "throttled"
    assert int(refused["Retry-After"]) > 0
    assert client.get(page(code), REMOTE_ADDR="203.0.113.9").status_code == 200


def test_the_budget_comes_back_the_next_minute(client, settings, lookup) -> None:
    settings.LOOKUP_RATE_LIMIT = 1
    code = lookup.refused.code
    assert client.get(page(code)).status_code == 200
    assert client.get(page(code)).status_code == 429
    with time_machine.travel(NOW + timedelta(seconds=60), tick=False):
        assert client.get(page(code)).status_code == 200


def test_default_limit_applies_and_zero_turns_it_off(client, settings, lookup) -> None:
    """The default (30 a minute) refuses the 31st lookup; 0 refuses none (the
    benchmark runs so)."""
    code = lookup.refused.code
    statuses = [client.get(api(code)).status_code for _ in range(31)]
    assert statuses == [200] * 30 + [429]
    settings.LOOKUP_RATE_LIMIT = 0
    assert {client.get(api(code)).status_code for _ in range(40)} == {200}
