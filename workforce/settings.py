"""Workforce settings: one file, every environment difference from the environment.

`WORKFORCE_ENV` is `development` (the default: `make run`, `make test`) or
`production`. Production refuses to start without its secrets; development
generates its keys into `var/keys/` on first use so that a fresh checkout runs.
Any secret may also be given as `<NAME>_FILE`, the path of a file holding it.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from datetime import timedelta
from pathlib import Path

import dj_database_url
from cryptography.fernet import Fernet
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from workforce.static_headers import static_file_headers

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"


# --- small typed readers of the environment -------------------------------------------------


def env_str(name: str, default: str | None = None) -> str | None:
    """A string from NAME, or from the file named by NAME_FILE (for container secrets)."""
    value = os.environ.get(name)
    path = os.environ.get(f"{name}_FILE")
    if value is None and path:
        try:
            value = Path(path).read_text().strip()
        except OSError as exc:
            raise ImproperlyConfigured(f"{name}_FILE={path} cannot be read: {exc}") from exc
    return default if value in (None, "") else value


def env_bool(name: str, default: bool) -> bool:
    value = env_str(name)
    if value is None:
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}.")


def env_int(name: str, default: int) -> int:
    value = env_str(name)
    if value is None:
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}.") from None


def env_list(name: str, default: list[str]) -> list[str]:
    value = env_str(name)
    if value is None:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


def dev_secret(filename: str, make: callable) -> str:
    """A development-only secret kept in var/keys/ so it survives restarts."""
    path = VAR_DIR / "keys" / filename
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        path.write_text(make())
        path.chmod(0o600)
    return path.read_text().strip()


def _new_fernet_key() -> str:
    return Fernet.generate_key().decode()


WORKFORCE_ENV = env_str("WORKFORCE_ENV", "development")
if WORKFORCE_ENV not in {"development", "production"}:
    raise ImproperlyConfigured(
        f"WORKFORCE_ENV must be 'development' or 'production', not {WORKFORCE_ENV!r}."
    )
PRODUCTION = WORKFORCE_ENV == "production"
DEBUG = env_bool("DJANGO_DEBUG", default=not PRODUCTION)


def required_in_production(name: str, dev_file: str, make: callable) -> str:
    value = env_str(name)
    if value:
        return value
    if PRODUCTION:
        raise ImproperlyConfigured(
            f"{name} is not set. Production needs it (or {name}_FILE); see README, 'Keys'."
        )
    return dev_secret(dev_file, make)


SECRET_KEY = required_in_production(
    "DJANGO_SECRET_KEY", "django_secret_key", lambda: secrets.token_urlsafe(50)
)

# PII keys are separate from SECRET_KEY: rotating one never touches the other.
# PII_ENCRYPTION_KEYS is a comma-separated list of Fernet keys; the first encrypts,
# all decrypt (see `manage.py rotate_pii_keys`). PII_HMAC_KEY keys the SSN blind index.
PII_ENCRYPTION_KEYS = [
    key.strip()
    for key in required_in_production(
        "PII_ENCRYPTION_KEYS", "pii_encryption_keys", _new_fernet_key
    ).split(",")
    if key.strip()
]
for _key in PII_ENCRYPTION_KEYS:
    try:
        Fernet(_key.encode())
    except ValueError:
        raise ImproperlyConfigured(
            "PII_ENCRYPTION_KEYS must be Fernet keys (32 url-safe base64-encoded bytes), "
            "comma-separated; make one with `manage.py rotate_pii_keys --generate-key`."
        ) from None
PII_HMAC_KEY = required_in_production("PII_HMAC_KEY", "pii_hmac_key", lambda: secrets.token_hex(32))
# Keys the permutation that turns seeker ids into URL tokens (workforce.urlids). A key of
# its own: not a PII key, and rotating SECRET_KEY (sessions) does not break bookmarks.
URL_ID_KEY = required_in_production("URL_ID_KEY", "url_id_key", lambda: secrets.token_hex(32))

# --- issue 14 (sessions): the search link key --------------------------------------------------
# Signs search-results links and keys their server-side rows (seekers.search.links). A key
# of its own: never the PII keys. Unset, it is derived from DJANGO_SECRET_KEY for this one
# purpose, so rotating SECRET_KEY also voids open links (they last SEARCH_LINK_HOURS anyway).
SEARCH_LINK_KEY = (
    env_str("SEARCH_LINK_KEY")
    or hmac.new(SECRET_KEY.encode(), b"workforce.search-link-key", hashlib.sha256).hexdigest()
)
SEARCH_LINK_HOURS = env_int("SEARCH_LINK_HOURS", 8)
# --- end issue 14 (sessions): the search link key ----------------------------------------------

# Reports and exports (ASVS 5.0 15.2.2): how long one report statement may run before
# PostgreSQL cancels it, and one report at a time per user (reports.selectors.sql).
REPORT_STATEMENT_SECONDS = env_int("REPORT_STATEMENT_SECONDS", 120)

ALLOWED_HOSTS = env_list(
    "DJANGO_ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost", "testserver"]
)
if PRODUCTION and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("DJANGO_ALLOWED_HOSTS is not set; production needs its host names.")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    # The admin site of workforce.admin_site: only with a verified device when MFA is required.
    "workforce.apps.WorkforceAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django.contrib.humanize",
    "crispy_forms",
    "django_htmx",
    "auditlog",
    "axes",
    "csp",
    # Staff MFA (docs/security.md, "Authentication"): TOTP devices and backup codes.
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "workforce",
    "seekers",
    "registration",
    "services",
    "optout",
    "casework",
    "reports",
]

MIDDLEWARE = [
    # issue 14 (sessions): first, so a DEBUG server answers nothing to another machine.
    "workforce.middleware.DebugLoopbackOnlyMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # issue 14 (sessions): after WhiteNoise (static files keep their caching), outside
    # everything else (no-store is the last word on every other response).
    "workforce.middleware.NoStoreMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    # issue 14 (sessions): before CsrfViewMiddleware, the first to read the body.
    "workforce.middleware.UploadGuardMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # request.user.is_verified(): whether this session passed the second step.
    "django_otp.middleware.OTPMiddleware",
    # ASVS 16.3.2: each 403 on the security log with the user (who is known from here on).
    "workforce.middleware.ForbiddenLogMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    # A signed-in user with a device, or who must have one, does nothing else first.
    "workforce.mfa.middleware.MfaMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # issue 14 (sessions): after messages (it says why it signed someone out), before views.
    "workforce.sessions.SessionLifetimeMiddleware",
    # issue 14 (sessions): an hourly limit on SSN reveals and downloads answers 429.
    "workforce.middleware.AccessLimitMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "auditlog.middleware.AuditlogMiddleware",
    # Axes goes last so that it sees the final response of a failed login.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "workforce.urls"
WSGI_APPLICATION = "workforce.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "workforce.context_processors.shell",
                "optout.context_processors.notices",
                "registration.context_processors.unfinished_calls",
            ],
        },
    },
]

# --- database: PostgreSQL only ---------------------------------------------------------------
# Without DATABASE_URL the project-local cluster of scripts/db.sh is used, reached
# through its unix socket inside the project.
DATABASE_URL = env_str("DATABASE_URL") or (
    f"postgresql://workforce@/workforce?host={VAR_DIR / 'pg' / 'run'}"
)
try:
    _db = dj_database_url.parse(DATABASE_URL, conn_max_age=env_int("DB_CONN_MAX_AGE", 60))
except Exception as exc:
    raise ImproperlyConfigured(
        f"DATABASE_URL is not a database URL ({exc}); use postgresql://user:password@host/db."
    ) from None
if _db.get("ENGINE") != "django.db.backends.postgresql":
    raise ImproperlyConfigured("DATABASE_URL must point at PostgreSQL (postgresql://...).")
if not _db.get("HOST") and "host" in _db.get("OPTIONS", {}):
    # postgresql://user@/db?host=/path/to/socket-dir: a unix socket directory.
    _db["HOST"] = _db["OPTIONS"].pop("host")
_db["CONN_HEALTH_CHECKS"] = True
_db.setdefault("TEST", {})["NAME"] = env_str("TEST_DATABASE_NAME", "test_workforce")
DATABASES = {"default": _db}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- authentication and sessions ---------------------------------------------------------------
AUTH_USER_MODEL = "workforce.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Staff passwords only (workforce.passwords.STAFF_PASSWORD_POLICY: 12 characters, blocklist,
# no composition rules), plus Django's check against the username, name and email. Seeker
# passwords never go through these: registration uses seeker_password_policy().
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "workforce.passwords.StaffPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
]
# The seeker password policy: "seed-000" (the default: seed 000's rule that staff read aloud)
# or "nist" (NIST SP 800-63B-4: 15 characters, spaces allowed). docs/security.md.
SEEKER_PASSWORD_POLICY = env_str("SEEKER_PASSWORD_POLICY", "seed-000")
if SEEKER_PASSWORD_POLICY not in {"seed-000", "nist"}:
    raise ImproperlyConfigured(
        f"SEEKER_PASSWORD_POLICY must be 'seed-000' or 'nist', not {SEEKER_PASSWORD_POLICY!r}."
    )
# A larger offline list of breached passwords to refuse, besides Django's 20,000 (one a line,
# plain or .gz), for staff and seekers alike. Read from disk; nothing is fetched at runtime.
PASSWORD_BLOCKLIST_FILE = env_str("PASSWORD_BLOCKLIST_FILE", "")
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "casework:home"
LOGOUT_REDIRECT_URL = "login"

# Idle timeout: the session cookie lives SESSION_IDLE_MINUTES past the last request.
SESSION_IDLE_MINUTES = env_int("SESSION_IDLE_MINUTES", 30)
SESSION_COOKIE_AGE = SESSION_IDLE_MINUTES * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True

# --- issue 14 (sessions): lifetime, warning, flash messages ----------------------------------
# A session ends SESSION_ABSOLUTE_HOURS after sign-in even with steady activity
# (workforce.sessions.SessionLifetimeMiddleware); "Stay signed in" cannot pass it.
SESSION_ABSOLUTE_HOURS = env_int("SESSION_ABSOLUTE_HOURS", 12)
# The page warns this many seconds before the idle timeout (WCAG 2.2.1: at least 20 s;
# staff on a call need time to finish a sentence, so 2 minutes).
SESSION_WARNING_SECONDS = env_int("SESSION_WARNING_SECONDS", 120)
# Flash messages may name a seeker: keep them in the server-side session, never in a cookie.
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"
# --- end issue 14 (sessions) --------------------------------------------------------------------

# Staff MFA: a second step (TOTP or a backup code) after the password. Required for every
# staff member in production; in development only for those who set up a device, so the
# demo users of `make run` sign in with their password alone.
STAFF_MFA_REQUIRED = env_bool("STAFF_MFA_REQUIRED", PRODUCTION)
# Step-up: revealing an SSN, changing opt-out, editing the catalog and managing users need
# the password (and code) entered within this many minutes.
STEP_UP_MINUTES = env_int("STEP_UP_MINUTES", 15)
if STEP_UP_MINUTES < 1:
    raise ImproperlyConfigured("STEP_UP_MINUTES must be at least 1.")
# The name authenticator apps show beside the account.
OTP_TOTP_ISSUER = env_str("OTP_TOTP_ISSUER", "Workforce")
# Wrong codes back off exponentially per device (1 s, 2 s, 4 s, ... after each failure):
# django-otp's throttling, on explicitly rather than by its default.
OTP_TOTP_THROTTLE_FACTOR = 1
OTP_STATIC_THROTTLE_FACTOR = 1

# Sign-in throttling (django-axes with workforce.signin's handler; docs/security.md).
# An account locks after AXES_FAILURE_LIMIT failures from any address; an address after
# SIGNIN_ADDRESS_FAILURE_LIMIT failures across accounts (a call centre is one address: size
# it well above twice the staff who sign in there at once). Both for AXES_COOLOFF_MINUTES
# after the last failure. SIGNIN_SPRAY_ALERT_USERNAMES different usernames failing across
# the site within that time write a SecurityAlert.
AXES_HANDLER = "workforce.signin.SignInThrottleHandler"
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
SIGNIN_ADDRESS_FAILURE_LIMIT = env_int("SIGNIN_ADDRESS_FAILURE_LIMIT", 50)
SIGNIN_SPRAY_ALERT_USERNAMES = env_int("SIGNIN_SPRAY_ALERT_USERNAMES", 30)
if not 1 <= AXES_FAILURE_LIMIT <= SIGNIN_ADDRESS_FAILURE_LIMIT:
    raise ImproperlyConfigured(
        "AXES_FAILURE_LIMIT must be at least 1 and at most SIGNIN_ADDRESS_FAILURE_LIMIT "
        f"(now {AXES_FAILURE_LIMIT} and {SIGNIN_ADDRESS_FAILURE_LIMIT})."
    )
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15))
# Every failure during a lock-out starts the cool-off again: a guesser who keeps going stays out.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = True
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "workforce.views.signin_locked_out"
# Who a locked-out staff member calls; shown on the lock-out page.
SIGNIN_HELP_CONTACT = env_str(
    "SIGNIN_HELP_CONTACT", "your supervisor or your office's administrator"
)
# One rule for the client address, shared with the access log (see workforce/audit.py).
AXES_CLIENT_IP_CALLABLE = "workforce.audit.client_ip"
# How many reverse proxies append to X-Forwarded-For in front of the app (0: none).
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)

# --- production hardening (all driven by WORKFORCE_ENV / env vars) ---------------------------
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if PRODUCTION else None
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", PRODUCTION)
# Load-balancer probes speak plain HTTP to the app itself.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SESSION_COOKIE_SECURE = PRODUCTION
CSRF_COOKIE_SECURE = PRODUCTION
# ASVS 5.0 3.3.1/3.3.3: the `__Host-` prefix makes the browser refuse the cookie unless it is
# Secure, for path / and without a Domain, so no other host of the state's domain (or a
# plain-HTTP page) can set or overwrite it. Browsers accept it only over HTTPS, hence
# production only; development on http://127.0.0.1 keeps Django's names.
SESSION_COOKIE_NAME = "__Host-sessionid" if PRODUCTION else "sessionid"
CSRF_COOKIE_NAME = "__Host-csrftoken" if PRODUCTION else "csrftoken"
SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 31536000 if PRODUCTION else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = PRODUCTION
SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", PRODUCTION)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Content Security Policy: everything from our own origin, no inline script or style.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [NONE],  # no page has a <base>; none may be injected
        "object-src": [NONE],
    }
}

# --- static files: vendored USWDS and htmx, served by whitenoise -------------------------------
STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

# Development and tests serve straight from the source folders; production from collectstatic.
WHITENOISE_USE_FINDERS = not PRODUCTION
WHITENOISE_AUTOREFRESH = not PRODUCTION
WHITENOISE_ADD_HEADERS_FUNCTION = static_file_headers  # whitenoise takes the function itself

CRISPY_ALLOWED_TEMPLATE_PACKS = ("uswds",)
CRISPY_TEMPLATE_PACK = "uswds"

LANGUAGE_CODE = "en-us"
TIME_ZONE = env_str("TIME_ZONE", "America/Chicago")
USE_I18N = True
USE_TZ = True

# Development prints mail to the console; production sends through SMTP.
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if PRODUCTION
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 587 if PRODUCTION else 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", PRODUCTION)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "workforce@localhost")

# --- phone registration (seed 000) ---
# Entered as the email of a caller who has none (seed 000 step 6); such callers get letters.
REGISTRATION_PLACEHOLDER_EMAIL = env_str("REGISTRATION_PLACEHOLDER_EMAIL", "job.seeker@state.mn.us")

# --- seeker services (seed 003) ---
# How many days back staff may date a service they record by hand (Options → Seeker Services).
SERVICE_BACKDATE_DAYS = env_int("SERVICE_BACKDATE_DAYS", 30)
# Opt-Out Lookups one staff member may make per hour (seed 002; counted in the access log).
OPTOUT_LOOKUPS_PER_HOUR = env_int("OPTOUT_LOOKUPS_PER_HOUR", 20)
# --- issue 14 (sessions): bulk reads -------------------------------------------------------------
# Full-SSN reveals and file downloads (documents and resumes together) one staff member may
# make per hour; past it the answer is 429 and an alert row goes to the access log.
SSN_REVEALS_PER_HOUR = env_int("SSN_REVEALS_PER_HOUR", 30)
FILE_DOWNLOADS_PER_HOUR = env_int("FILE_DOWNLOADS_PER_HOUR", 60)
# --- end issue 14 (sessions): bulk reads ---------------------------------------------------------

# --- workshops (seed 003) ---
# "Staff only have 14 days to result workshops": after that, only a supervisor may.
WORKSHOP_RESULT_DAYS = env_int("WORKSHOP_RESULT_DAYS", 14)

# --- case details (seed 001) ---
# Uploaded documents and resumes: encrypted, outside the web root, served only by a
# permission-checked view that writes an access-log row. Back this folder up with the database.
DOCUMENTS_ROOT = Path(env_str("DOCUMENTS_ROOT", str(VAR_DIR / "documents")))
DOCUMENT_MAX_BYTES = env_int("DOCUMENT_MAX_BYTES", 10 * 1024 * 1024)
# Uploads larger than this are streamed to a temporary file instead of held in memory.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
# --- issue 14 (sessions): uploads ---------------------------------------------------------------
# No view takes a file unless marked (workforce.middleware.accepts_files) and it installs its
# own in-memory handler; everywhere else a file part is refused before a byte is kept, so no
# plaintext upload reaches the temporary directory. Bodies of other views stay under
# DATA_UPLOAD_MAX_MEMORY_SIZE (413 past it, UploadGuardMiddleware).
FILE_UPLOAD_HANDLERS = ["workforce.middleware.NoFileUploadHandler"]
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("DATA_UPLOAD_MAX_MEMORY_SIZE", 2_621_440)
# --- end issue 14 (sessions): uploads ---------------------------------------------------------
# Where the LMI button sends staff for an occupation (seed 003's Staff Assisted LMI);
# {code} is the O*NET-SOC code, {keyword} the occupation's title.
LMI_OCCUPATION_URL = env_str(
    "LMI_OCCUPATION_URL",
    "https://www.careeronestop.org/Toolkit/Careers/Occupations/occupation-profile.aspx"
    "?keyword={keyword}&onetcode={code}",
)

# --- audit --------------------------------------------------------------------------------------
# Masked fields (SSN, passwords, secret answers) are recorded as "changed", never as values.
AUDITLOG_MASK_CALLABLE = "workforce.audit.mask_changed"
AUDITLOG_INCLUDE_ALL_MODELS = False
AUDITLOG_DISABLE_REMOTE_ADDR = False

DEFAULT_EXCEPTION_REPORTER_FILTER = "workforce.audit.PiiSafeExceptionReporterFilter"

# --- logging: to stderr, never request bodies ----------------------------------------------------
# The app log on stderr, times in UTC (workforce/logformat.py): LOG_FORMAT=plain for people,
# json for the state's log system (ASVS 5.0 16.2.2, 16.2.4).
LOG_FORMAT = env_str("LOG_FORMAT", "plain")
if LOG_FORMAT not in ("plain", "json"):
    raise ImproperlyConfigured(f"LOG_FORMAT must be plain or json, not {LOG_FORMAT!r}.")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {
            "()": "workforce.logformat.UtcFormatter",
            "format": "%(asctime)s %(levelname)s %(name)s %(message)s",
        },
        "json": {
            "()": "workforce.logformat.UtcJsonFormatter",
            "format": "%(asctime)s %(levelname)s %(name)s %(message)s",
        },
    },
    "handlers": {"stderr": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT}},
    "root": {"handlers": ["stderr"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "axes": {"level": "WARNING"},
        # Authentication events and refusals (workforce.audit.security_event_log): INFO and
        # up whatever LOG_LEVEL says, to the root's stderr handler.
        "workforce.security": {"level": "INFO"},
        # runserver prints its own start-up lines; do not print them twice.
        "django.utils.autoreload": {"level": "WARNING"},
    },
}
