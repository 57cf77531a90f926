import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url, heading",
    [
        ("/", "L’innovation publique"),
        ("/accessibilite/", "Déclaration d’accessibilité"),
        ("/mentions-legales/", "Mentions légales"),
        ("/donnees-personnelles/", "Données personnelles"),
        ("/plan-du-site/", "Plan du site"),
    ],
)
def test_public_page_renders_in_french_with_dsfr_shell(client, url, heading):
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert heading in html
    assert '<html lang="fr"' in html
    assert 'class="fr-header"' in html and 'id="pied-de-page"' in html
    assert 'href="#contenu"' in html  # skip link


def test_unknown_page_is_a_dsfr_404(client):
    response = client.get("/cette-page-n-existe-pas/")
    assert response.status_code == 404
    assert "Page non trouvée" in response.content.decode()


def test_healthz_answers_json(client):
    assert client.get("/healthz").json() == {"status": "ok"}


def test_readyz_reports_database_and_migrations(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json()["database"] == "ok"
    assert response.json()["pending_migrations"] == 0
