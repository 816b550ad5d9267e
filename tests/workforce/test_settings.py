"""Settings: production refuses to start without its secrets; env values are checked."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from workforce import settings as workforce_settings

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "WORKFORCE_ENV": "production",
    "DJANGO_SECRET_KEY": "test-only-Qm9vZ3kgd29vZ2llIGJvb2dpZSB0ZXN0IHNlY3JldCBrZXk-4f9c2a",
    "PII_ENCRYPTION_KEYS": "dGhpcy1pcy1hLXRlc3Qta2V5LW9mLTMyLWJ5dGVzISE=",
    "PII_HMAC_KEY": "a" * 64,
    "URL_ID_KEY": "b" * 64,
    "DJANGO_ALLOWED_HOSTS": "workforce.example.gov",
    "DATABASE_URL": "postgresql://workforce@localhost/workforce",
}


def manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("PII_", "DJANGO_", "WORKFORCE_", "URL_ID_"))
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
    )


@pytest.mark.parametrize(
    "missing",
    [
        "DJANGO_SECRET_KEY",
        "PII_ENCRYPTION_KEYS",
        "PII_HMAC_KEY",
        "URL_ID_KEY",
        "DJANGO_ALLOWED_HOSTS",
    ],
)
def test_production_refuses_to_start_without_a_secret(missing: str) -> None:
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != missing}
    result = manage("check", env=env)
    assert result.returncode != 0
    assert missing in result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_production_starts_with_its_secrets_and_passes_the_deploy_check() -> None:
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_the_deploy_check_refuses_a_remote_database_without_verified_tls() -> None:
    """ASVS 5.0 12.3.1/12.3.2: personal data never crosses the network unverified."""
    remote = "postgresql://workforce:pw@db.internal.example.gov/workforce"
    for url, ok in [(remote, False), (remote + "?sslmode=require", False),
                    (remote + "?sslmode=verify-full&sslrootcert=/etc/ssl/ca.pem", True),
                    ("postgresql://workforce@localhost/workforce", True),
                    ("postgresql://workforce@/workforce?host=/run/postgresql", True)]:  # fmt: skip
        env = {**PRODUCTION_ENV, "DATABASE_URL": url}
        result = manage("check", "--deploy", "--fail-level", "WARNING", env=env)
        assert (result.returncode == 0) is ok, (url, result.stderr)
        assert ("workforce.W001" in result.stderr) is not ok, (url, result.stderr)


def test_the_deploy_check_refuses_mail_to_another_host_without_tls() -> None:
    env = {**PRODUCTION_ENV, "EMAIL_HOST": "smtp.example.gov", "EMAIL_USE_TLS": "false"}
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert result.returncode != 0 and "workforce.W002" in result.stderr
    env["EMAIL_USE_TLS"] = "true"
    assert manage("check", "--deploy", "--fail-level", "WARNING", env=env).returncode == 0


def test_production_cookies_carry_the_host_prefix_and_are_secure() -> None:
    """ASVS 5.0 3.3.1/3.3.3: `__Host-` cookies are Secure, for path /, with no Domain."""
    script = "\n".join([
        "from django.conf import settings",
        "from django.http import HttpResponse",
        "from django.middleware.csrf import CsrfViewMiddleware, get_token",
        "from django.test import RequestFactory",
        "def view(request):",
        "    get_token(request)",
        "    return HttpResponse()",
        "response = CsrfViewMiddleware(view)(RequestFactory().get('/', secure=True))",
        "print(settings.SESSION_COOKIE_NAME, settings.SESSION_COOKIE_SECURE,",
        "      settings.SESSION_COOKIE_PATH, settings.SESSION_COOKIE_DOMAIN)",
        "print(response.cookies.output())",
    ])  # fmt: skip
    result = manage("shell", "-c", script, env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr
    session, csrf = result.stdout.strip().splitlines()[-2:]
    assert session == "__Host-sessionid True / None"
    assert csrf.startswith("Set-Cookie: __Host-csrftoken=")
    assert "; Secure" in csrf and "Path=/" in csrf and "Domain" not in csrf


def test_a_secret_may_come_from_a_file(tmp_path: Path) -> None:
    secret = tmp_path / "hmac"
    secret.write_text("b" * 64 + "\n")
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "PII_HMAC_KEY"}
    result = manage("shell", "-c", "from django.conf import settings; print(settings.PII_HMAC_KEY)",
                    env={**env, "PII_HMAC_KEY_FILE": str(secret)})  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "b" * 64


def test_a_bad_encryption_key_is_a_clear_configuration_error() -> None:
    env = {**PRODUCTION_ENV, "PII_ENCRYPTION_KEYS": "not-a-fernet-key"}
    result = manage("check", env=env)
    assert (
        result.returncode != 0
        and "Fernet keys" in result.stderr
        and "Traceback" not in result.stderr
    )


def test_a_non_postgresql_database_url_is_refused() -> None:
    result = manage("check", env={"DATABASE_URL": "sqlite:///db.sqlite3"})
    assert result.returncode != 0 and "PostgreSQL" in result.stderr


def test_env_bool_and_int_reject_nonsense(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WF_TEST_FLAG", "maybe")
    monkeypatch.setenv("WF_TEST_NUMBER", "ten")
    with pytest.raises(ImproperlyConfigured, match="true or false"):
        workforce_settings.env_bool("WF_TEST_FLAG", default=False)
    with pytest.raises(ImproperlyConfigured, match="whole number"):
        workforce_settings.env_int("WF_TEST_NUMBER", default=1)


def test_development_keys_are_generated_once_and_kept_private(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(workforce_settings, "VAR_DIR", tmp_path)
    made = iter(["first-key", "second-key"])
    assert workforce_settings.dev_secret("pii_hmac_key", lambda: next(made)) == "first-key"
    assert workforce_settings.dev_secret("pii_hmac_key", lambda: next(made)) == "first-key"
    path = tmp_path / "keys" / "pii_hmac_key"
    assert path.stat().st_mode & 0o777 == 0o600


@pytest.mark.parametrize(
    ("env", "named"),
    [
        ({"AXES_FAILURE_LIMIT": "0"}, "AXES_FAILURE_LIMIT"),
        ({"AXES_FAILURE_LIMIT": "10", "SIGNIN_ADDRESS_FAILURE_LIMIT": "5"}, "SIGNIN_ADDRESS"),
        ({"SEEKER_PASSWORD_POLICY": "strong"}, "SEEKER_PASSWORD_POLICY"),
    ],
)
def test_it_refuses_sign_in_limits_or_a_policy_that_make_no_sense(env: dict, named: str) -> None:
    result = manage("check", env={**PRODUCTION_ENV, **env})
    assert result.returncode != 0 and named in result.stderr
    assert "Traceback" not in result.stderr
