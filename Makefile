# Workforce: `make run` serves the app with demo data, `make test` runs every test.
# Both set up everything on a fresh machine: the virtualenv, the project-local
# PostgreSQL under var/pg (unless DATABASE_URL is set), migrations.

PYTHON ?= python3
PORT ?= 8000
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
DB_READY = $(if $(DATABASE_URL),,scripts/db.sh start &&) $(PY) scripts/dbcheck.py
# The app serves as a role that may not rewrite the audit tables (docs/deployment.md,
# "Database roles"); migrations and seeding run as the owner. On the project-local cluster
# that role is workforce_app; with your own DATABASE_URL, name yours in APP_DATABASE_URL.
APP_ROLE_URL = $(or $(APP_DATABASE_URL),$(if $(DATABASE_URL),,$$(scripts/db.sh app-url)))

.PHONY: run test lint db-start db-stop db-status check-deploy sbom

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

run: $(STAMP)
	@$(DB_READY)
	@$(PY) manage.py migrate --no-input -v 0
	@$(if $(APP_ROLE_URL),$(PY) manage.py grant_app_role -v 0 --url "$(APP_ROLE_URL)")
	@$(PY) manage.py seed_demo --if-empty
	@$(PY) manage.py seed_services --if-empty --services 20000
	@$(PY) manage.py seed_jobs --if-empty
	@echo "Workforce: open http://127.0.0.1:$(PORT)/ and sign in with a demo login above (Ctrl-C stops)."
	@$(if $(APP_ROLE_URL),DATABASE_URL="$(APP_ROLE_URL)") $(PY) manage.py runserver 127.0.0.1:$(PORT)

test: $(STAMP)
	@$(DB_READY)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports --no-cache
	$(PY) manage.py makemigrations --check --dry-run -v 0
	$(PY) -m pytest $(PYTEST_ARGS)

lint: $(STAMP)
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

db-start:
	@scripts/db.sh start && scripts/db.sh status
db-stop:
	@scripts/db.sh stop
db-status:
	@scripts/db.sh status

# `manage.py check --deploy` with the production environment the README documents
# (throwaway secrets generated for the check only).
check-deploy: $(STAMP)
	@env WORKFORCE_ENV=production \
	    DJANGO_SECRET_KEY="$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(50))')" \
	    PII_ENCRYPTION_KEYS="$$($(PY) -c 'from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())')" \
	    PII_HMAC_KEY="$$($(PY) -c 'import secrets; print(secrets.token_hex(32))')" \
	    URL_ID_KEY="$$($(PY) -c 'import secrets; print(secrets.token_hex(32))')" \
	    DJANGO_ALLOWED_HOSTS=workforce.example.gov \
	    DATABASE_URL=$${DATABASE_URL:-postgresql://workforce@localhost/workforce} \
	    $(PY) manage.py check --deploy --fail-level WARNING

# A CycloneDX SBOM of what production installs (ASVS 5.0 15.1.2): the runtime dependencies
# alone, resolved in a throwaway virtualenv, without the development tools.
SBOM_VENV := var/sbom-venv
sbom: $(STAMP)
	@rm -rf $(SBOM_VENV) && $(PYTHON) -m venv $(SBOM_VENV)
	@$(SBOM_VENV)/bin/pip install --quiet --no-warn-script-location . 2>&1 | grep -v "^WARNING: Location" || true
	@$(VENV)/bin/cyclonedx-py environment --pyproject pyproject.toml --of JSON \
	    -o var/sbom.cdx.json $(SBOM_VENV)/bin/python
	@rm -rf $(SBOM_VENV) build *.egg-info
	@echo "var/sbom.cdx.json: the components production installs (CycloneDX JSON)"
