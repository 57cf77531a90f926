import pytest
@pytest.mark.django_db
def test_smoke():
    exec(open("/tmp/smoke.py").read(), {})
