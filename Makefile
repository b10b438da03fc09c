# The README's two commands: `make run` and `make test`. Everything else here helps them.
VENV ?= .venv
PYTHON ?= python3
BIN = $(VENV)/bin
PORT ?= 5000
MAIL_PORT ?= 8025
APP = $(BIN)/flask --app dayinmylife

.PHONY: run test lint assets translations compile-translations bench screenshots schema

# Running needs only the app's own dependencies; the tests add theirs on top.
$(BIN)/.installed-run: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(BIN)/.installed: $(BIN)/.installed-run
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

# Flask says "Running on http://127.0.0.1:$(PORT)" once the server is up (Ctrl+C stops it).
run: $(BIN)/.installed-run compile-translations
	DAYINMYLIFE_ENV=development $(APP) demo
	@echo "E-mail the app sends is printed here (a mail catcher on 127.0.0.1:$(MAIL_PORT))."
	$(BIN)/python -m aiosmtpd -n -l 127.0.0.1:$(MAIL_PORT) -c aiosmtpd.handlers.Debugging & \
	trap 'kill $$! 2>/dev/null' EXIT INT TERM; \
	DAYINMYLIFE_ENV=development DAYINMYLIFE_SMTP_HOST=127.0.0.1 DAYINMYLIFE_SMTP_PORT=$(MAIL_PORT) \
	DAYINMYLIFE_SMTP_STARTTLS=0 DAYINMYLIFE_BASE_URL=http://127.0.0.1:$(PORT) \
	$(APP) run --host 127.0.0.1 --port $(PORT)

test: $(BIN)/.installed compile-translations
	scripts/ensure-chromium
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# Measure: each bench/bench_*.py prints its figures; the last line is one JSON object of them all.
# `make bench BENCH=bench_school PUPILS=50` runs one benchmark with fewer pupils.
bench: $(BIN)/.installed-bench
	$(if $(PUPILS),PUPILS=$(PUPILS)) $(BIN)/python -m bench.run $(BENCH)

$(BIN)/.installed-bench: $(BIN)/.installed
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	touch $@

lint: $(BIN)/.installed
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .

# Re-vendor pictures and fonts from pinned npm packages (needs npm, and fontTools from the bench extra;
# never needed to run or test).
assets: $(BIN)/.installed-bench
	$(BIN)/python scripts/vendor_assets.py

# Extract every string (templates, Python, questionnaire files), update and compile the catalogs. New
# messages arrive untranslated (tests/test_i18n.py fails until each catalog translates them).
translations: $(BIN)/.installed
	@$(BIN)/pybabel extract -F translations/babel.cfg -k _l -k N_ -o translations/messages.pot . >/dev/null 2>&1 \
		|| $(BIN)/pybabel extract -F translations/babel.cfg -k _l -k N_ -o translations/messages.pot .
	$(BIN)/pybabel -q update -i translations/messages.pot -d translations --no-fuzzy-matching --ignore-obsolete
	$(BIN)/pybabel -q compile -d translations

# The compiled catalogs (.mo) are not committed: `make run` and `make test` build them from the .po files.
compile-translations: $(BIN)/.installed-run
	$(BIN)/pybabel -q compile -d translations

# Key pages at phone and tablet size into docs/screenshots/, for the README and for looking at.
screenshots: $(BIN)/.installed translations
	scripts/ensure-chromium
	$(BIN)/python scripts/screenshots.py

# The schema as the migrations leave it, readable in one place (a test fails until it is rewritten).
schema: $(BIN)/.installed-run
	$(BIN)/python -c 'import sys, tempfile, pathlib; from dayinmylife.store.db import connect, schema_sql; from dayinmylife.store.migrations import migrate; \
		d = pathlib.Path(tempfile.mkdtemp()) / "schema.sqlite3"; migrate(d); sys.stdout.write(schema_sql(connect(d)))' \
		> docs/schema.sql
