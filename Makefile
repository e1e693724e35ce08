# `make run` and `make test` work on a fresh clone: they create .venv themselves.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEV_STAMP := $(VENV)/.installed-dev

.PHONY: run test fonts postgresql clean-venv translations

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(DEV_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@ $(STAMP)

# A font covering Hangul, so Korean text renders (and GUI tests see real glyphs).
fonts:
	@if command -v fc-list >/dev/null 2>&1 && fc-list :lang=ko 2>/dev/null | grep -q .; then \
		:; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		echo "Installing a Korean font and Qt's X11 libraries (fonts-nanum, libxcb-cursor0, ...)"; \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-nanum fontconfig \
			libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 \
			libxcb-image0 libxcb-render-util0 libxcb-shape0 libdbus-1-3 >/dev/null) || \
			echo "warning: could not install fonts-nanum; Korean may render as boxes"; \
	else \
		echo "note: no font covering Hangul was found. Install one, e.g. 'sudo apt-get install fonts-nanum'."; \
	fi

# A PostgreSQL server for the tests that run the store on a server (they start a throwaway one).
postgresql:
	@if ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null 2>&1; then \
		:; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		echo "Installing PostgreSQL for the server tests (postgresql)"; \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null) || \
			echo "warning: could not install postgresql; the PostgreSQL tests will be skipped"; \
	else \
		echo "note: no PostgreSQL server found; its tests are skipped. Install one, e.g. 'sudo apt-get install postgresql'."; \
	fi

run: $(STAMP) fonts
	$(BIN)/annotator

test: $(DEV_STAMP) fonts postgresql
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest

clean-venv:
	rm -rf $(VENV)

# Interface strings: collect tr() texts into the Korean .ts (edit it with pyside6-linguist), compile the .qm.
translations:
	$(BIN)/pyside6-lupdate -locations none -no-obsolete annotator/gui/*.py -ts resources/translations/annotator_ko.ts
	$(BIN)/pyside6-lupdate -locations none -no-obsolete -pluralonly -target-language en annotator/gui/*.py \
		-ts resources/translations/annotator_en.ts
	for lang in ko en; do $(BIN)/pyside6-lrelease resources/translations/annotator_$$lang.ts \
		-qm resources/translations/annotator_$$lang.qm; done
