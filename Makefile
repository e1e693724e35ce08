# `make run` and `make test` work on a fresh clone: they create .venv themselves.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEV_STAMP := $(VENV)/.installed-dev

.PHONY: run test fonts qt-libraries postgresql ml-backend clean-venv translations

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
		echo "Installing a Korean font (fonts-nanum)"; \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-nanum fontconfig >/dev/null) || \
			echo "warning: could not install fonts-nanum; Korean may render as boxes"; \
	else \
		echo "note: no font covering Hangul was found. Install one, e.g. 'sudo apt-get install fonts-nanum'."; \
	fi

# The shared libraries Qt needs on Linux (OpenGL, xkbcommon, and for a window on X11 the xcb
# plugin's, xcb-cursor among them), checked by soname whatever fonts there are.
QT_LIBRARIES := libEGL.so.1 libGL.so.1 libxkbcommon.so.0 libxkbcommon-x11.so.0 libxcb-cursor.so.0 \
	libxcb-icccm.so.4 libxcb-keysyms.so.1 libxcb-image.so.0 libxcb-render-util.so.0 libxcb-shape.so.0 libdbus-1.so.3
QT_PACKAGES := libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 \
	libxcb-image0 libxcb-render-util0 libxcb-shape0 libdbus-1-3

qt-libraries:
	@ldconfig=$$(command -v ldconfig || echo /sbin/ldconfig); \
	if [ "$$(uname -s)" != Linux ] || [ ! -x "$$ldconfig" ]; then exit 0; fi; \
	known=$$("$$ldconfig" -p 2>/dev/null); missing=""; \
	for lib in $(QT_LIBRARIES); do \
		printf '%s\n' "$$known" | grep -q "^[[:space:]]*$$lib " || missing="$$missing $$lib"; \
	done; \
	if [ -z "$$missing" ]; then \
		:; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		echo "Installing Qt's libraries (missing:$$missing)"; \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(QT_PACKAGES) >/dev/null) || \
			echo "warning: could not install Qt's libraries; the window may not open"; \
	else \
		echo "note: Qt needs$$missing. Install them, e.g. 'sudo apt-get install $(QT_PACKAGES)'."; \
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

# The real label-studio-ml server for the remote recogniser's tests (tests/ml_backend.py). Its release
# pins Flask 1.1.2 and Jinja2 3.0.3, which would downgrade the dev environment's Jinja2: it gets its own
# environment beside it (it imports redis and rq without declaring them).
ML_BACKEND := $(VENV)/ml-backend
$(ML_BACKEND)/.installed: | $(BIN)/python
	$(PYTHON) -m venv $(ML_BACKEND)
	if $(ML_BACKEND)/bin/pip install --quiet 'label-studio-ml>=1.0.9,<2' 'redis>=4.0' 'rq>=1.10'; then touch $@; \
	else echo "warning: could not install label-studio-ml; the remote recogniser's server tests will be skipped"; fi

ml-backend: $(ML_BACKEND)/.installed

run: $(STAMP) fonts qt-libraries
	$(BIN)/annotator

test: $(DEV_STAMP) fonts qt-libraries postgresql ml-backend
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest

clean-venv:
	rm -rf $(VENV)

# Interface strings: collect tr() texts into the Korean .ts (edit it with pyside6-linguist), compile the .qm.
translations:
	$(BIN)/pyside6-lupdate -locations none -no-obsolete $$(find annotator/gui -name "*.py") -ts resources/translations/annotator_ko.ts
	$(BIN)/pyside6-lupdate -locations none -no-obsolete -pluralonly -target-language en $$(find annotator/gui -name "*.py") \
		-ts resources/translations/annotator_en.ts
	for lang in ko en; do $(BIN)/pyside6-lrelease resources/translations/annotator_$$lang.ts \
		-qm resources/translations/annotator_$$lang.qm; done
