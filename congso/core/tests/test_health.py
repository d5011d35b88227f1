import pytest


@pytest.mark.django_db
def test_health_answers_ok(client):
    """The health endpoint checks the database and answers 200 with JSON."""
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


@pytest.mark.django_db
def test_unknown_page_is_a_vietnamese_404(client):
    """An unknown address answers 404 with a Vietnamese page, not a stack trace."""
    response = client.get("/khong-ton-tai/")
    assert response.status_code == 404
    assert "Không tìm thấy" in response.content.decode()
