# appstack.aws developer entry points. `make demo` and `make test` are the two
# that matter; everything else supports them.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
EMULATOR_PORT ?= 4577
EMULATOR_DIR := .emulator
EMULATOR_PID := $(EMULATOR_DIR)/emulator-$(EMULATOR_PORT).pid
EMULATOR_LOG := $(EMULATOR_DIR)/emulator-$(EMULATOR_PORT).log
ENDPOINT := http://127.0.0.1:$(EMULATOR_PORT)
COLLECTION_LINK := $(VENV)/collections/ansible_collections/appstack/aws
DEMO_ENV ?= local
DEMO_LOG := outputs/demo-$(DEMO_ENV).log
# The image the demo deploys (a manifest pushed to the emulator's ECR): the service's first deploy.
DEMO_IMAGE_TAG ?= demo-1
# The strategy of `make molecule`; Mitogen's strategies are installed with the pinned requirements.
STRATEGY ?= mitogen_linear

# Dummy credentials: the emulator accepts any; real AWS never sees these.
EMULATOR_ENV := AWS_ENDPOINT_URL=$(ENDPOINT) AWS_ACCESS_KEY_ID=testing \
	AWS_SECRET_ACCESS_KEY=testing AWS_SESSION_TOKEN=testing AWS_DEFAULT_REGION=us-east-1
export PATH := $(CURDIR)/$(BIN):$(PATH)
export ANSIBLE_CONFIG := $(CURDIR)/ansible.cfg
export EMULATOR_PORT
# Python caches what it compiles (.pyc), unless PYTHONDONTWRITEBYTECODE says not to, as some CI images and
# sandboxes do. uv installs no .pyc, so every process would then compile ansible-core, botocore and moto from
# source on each start: a playbook run of the data tier's validation costs 4.6 s of CPU instead of 2.9 s, and
# `make test` starts several hundred processes. The .pyc files land in .venv and in ignored __pycache__ dirs.
unexport PYTHONDONTWRITEBYTECODE

.PHONY: help venv demo test lint unit integration suites molecule bench report changelog ee peer-tests emulator emulator-start emulator-stop clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-16s %s\n", $$1, $$2}'

venv: $(VENV)/.installed $(COLLECTION_LINK) ## Create .venv with every pinned dependency (idempotent)

# uv (pinned in requirements.txt) installs the pinned set in seconds where pip takes a minute and a half, most of
# it unpacking the ansible package's files one by one. It trusts the system's certificates, as pip does (a proxy
# that re-signs TLS has its CA there); pip installs the set if uv cannot (an index only pip is set up for).
$(VENV)/.installed: requirements.txt
	@$(PYTHON) -c "import sys; sys.exit(sys.version_info[:2] != (3, 11))" || { echo "Python 3.11 is required (found: $(PYTHON))"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check "$$(grep '^uv==' requirements.txt)"
	$(BIN)/uv pip install --quiet --system-certs --python $(BIN)/python -r requirements.txt \
		|| $(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(COLLECTION_LINK):
	mkdir -p $(dir $@)
	ln -sfn $(CURDIR) $@

demo: venv ## Build the local environment on the emulator and sum it up (KEEP=1 leaves the emulator running)
	@$(MAKE) -s --no-print-directory emulator-start
	@mkdir -p outputs
	@# One screen: each play's name as it starts and the recap; the whole run goes to the log.
	@if [ -z "$(KEEP)" ]; then trap '$(MAKE) --no-print-directory emulator-stop >/dev/null' EXIT; fi; \
	echo "Building $(DEMO_ENV) on the emulator (full log: $(DEMO_LOG))"; \
	if ! $(EMULATOR_ENV) $(BIN)/ansible-playbook site.yml -i inventories/$(DEMO_ENV) 2>&1 | tee $(DEMO_LOG) \
		| { grep --line-buffered -E '^PLAY \[|^[[:alnum:]_.-]+ +: ok=' || true; } \
		| sed -u -E 's/^PLAY \[(.*)\] \**$$/  \1 .../; s/^([[:alnum:]_.-]+) +: /  \1: /'; then \
		echo "The run failed; the end of $(DEMO_LOG):"; tail -n 25 $(DEMO_LOG); exit 1; \
	fi; \
	echo "Deploying the first backend image ($(DEMO_IMAGE_TAG)), which creates the App Runner service"; \
	$(BIN)/python -m emulator.demo --push-image $(DEMO_IMAGE_TAG) --endpoint $(ENDPOINT) >> $(DEMO_LOG); \
	if ! $(EMULATOR_ENV) $(BIN)/ansible-playbook playbooks/deploy_backend.yml -i inventories/$(DEMO_ENV) \
		-e image_tag=$(DEMO_IMAGE_TAG) -e 'deploy_backend_smoke_base_url=$(ENDPOINT)/_appstack/apprunner/http/{service_url}' \
		>> $(DEMO_LOG) 2>&1; then \
		echo "The deploy failed; the end of $(DEMO_LOG):"; tail -n 25 $(DEMO_LOG); exit 1; \
	fi; \
	echo; $(BIN)/python -m emulator.demo --outputs outputs/$(DEMO_ENV).json --log $(DEMO_LOG) \
		--endpoint $(ENDPOINT) $(if $(KEEP),--keep)

test: venv ## Everything CI checks: lint, unit, and the emulator, integration and molecule tests
	@# The suites share nothing (each integration worker and molecule scenario start emulators of their own):
	@# run side by side, they keep both cores busy. Molecule's scenarios run one at a time here, beside five
	@# integration workers.
	$(MAKE) --no-print-directory -j4 --output-sync=target lint unit integration molecule MOLECULE_WORKERS=1

lint: venv ## ansible-lint (production profile), ruff, yamllint; no skip lists
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/yamllint --strict .
	$(BIN)/ansible-lint --profile production

unit: venv graphviz ## Unit tests: module logic with botocore Stubber, filters, emulator fixes
	$(BIN)/python -m pytest -q tests/unit

# One ansible-doc run for every module; tests/unit/test_generated_docs.py runs the same with --check. Phony: the
# target shares its name with the docs/ directory.
.PHONY: docs
docs: venv ## Render docs/ (architecture, roles, modules, operator IAM policy) and the role READMEs' inputs tables
	$(BIN)/python docs/generate.py

# Workers on two cores: each spends part of its time waiting (provisioning delays, waits for AWS states, smoke check
# retries), and the others keep the cores busy meanwhile. Measured from a clean clone, `make test` took 13 min 44 s
# with four integration workers and 16 min 12 s with three; with the ECS and cache tiers, 28 min 29 s with five
# beside one molecule worker, and 28 min 52 s with one pool of seven running both (`make suites`), while Mitogen
# pinned every run to one of the two cores; 18 min 28 s with five beside one, unpinned (strategy_plugins/), with both
# cores busy throughout. APPSTACK_TEST_COST_LOG=<file> records each test's wall and CPU seconds (tests/conftest.py).
integration: venv ## Emulator and integration tests (a private emulator per worker; shared prod and dev, each built once)
	$(BIN)/python -m pytest -q -n 5 --dist loadgroup --no-loadscope-reorder --durations=15 tests/emulator tests/integration

SUITE_WORKERS ?= 7
suites: venv ## The emulator, integration and molecule tests in one pool of SUITE_WORKERS workers
	$(BIN)/python -m pytest -q -n $(SUITE_WORKERS) --dist loadgroup --no-loadscope-reorder --durations=25 \
		tests/emulator tests/integration tests/molecule

# The scenarios run under Mitogen's strategy, as most integration tests do (tests/integration/playbook.py):
# the same roles and modules at half the CPU time. Each starts an emulator of its own, so several can run at once.
MOLECULE_WORKERS ?= 2
molecule: venv ## Molecule scenarios (delegated driver, localhost + emulator; STRATEGY=linear for the default)
	ANSIBLE_STRATEGY=$(STRATEGY) $(BIN)/python -m pytest -q -n $(MOLECULE_WORKERS) --dist loadgroup \
		--no-loadscope-reorder tests/molecule

bench: venv ## Measure converge, no-op and --check of prod on the emulator; writes docs/performance.md (MITOGEN=1: with Mitogen; COMPUTE=ecs_fargate: docs/performance-ecs.md)
	$(if $(MITOGEN),ANSIBLE_STRATEGY=mitogen_linear) $(BIN)/python -m tests.perf.bench --inventory inventories/prod \
		--compute $(or $(COMPUTE),apprunner) \
		--output docs/performance$(if $(filter ecs_fargate,$(COMPUTE)),-ecs)$(if $(MITOGEN),-mitogen).md

# ENV only from the command line: shells export an ENV of their own (the startup file of sh).
REPORT_ENV = $(if $(filter command line,$(origin ENV)),$(ENV),local)
report: venv ## FSBP compliance and monthly cost estimate of an environment (ENV=prod); prints it and writes reports/<env>.md
	$(BIN)/ansible-playbook -i inventories/$(REPORT_ENV) playbooks/report.yml

# The picture of an environment: its inventory, and outputs/<env>.json when a run wrote it (else marked planned).
.PHONY: diagram graphviz
DIAGRAM_ENV = $(if $(filter command line,$(origin ENV)),$(ENV),local)
diagram: venv graphviz ## Draw an environment (ENV=prod) as outputs/diagram-<env>.svg and .png
	$(BIN)/python docs/diagram.py --env $(DIAGRAM_ENV)

graphviz: ## Install Graphviz's dot when missing (as root, with apt-get)
	@command -v dot >/dev/null && exit 0; \
	if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends graphviz; \
	else \
		echo "Graphviz's dot is missing: install the graphviz package (apt-get install graphviz, dnf install graphviz,"; \
		echo "brew install graphviz), or run make graphviz as root on Debian or Ubuntu"; exit 1; \
	fi

# CHANGELOG.md is generated from changelogs/changelog.yaml (the released versions); what the next release brings is
# in changelogs/fragments/, one file per change, and becomes a release with `antsibull-changelog release`.
changelog: venv ## Regenerate CHANGELOG.md from changelogs/ (antsibull-changelog; lint the fragments first)
	$(BIN)/antsibull-changelog lint
	$(BIN)/antsibull-changelog generate

# The context holds a Containerfile and everything it copies; `ansible-builder build --tag appstack-aws-ee` (or
# `podman build outputs/ee`) builds the image where Podman or Docker exists.
ee: venv ## Write the AWX execution environment's build context to outputs/ee (execution-environment.yml)
	rm -rf outputs/collection outputs/ee
	$(BIN)/ansible-galaxy collection build --output-path outputs/collection
	$(BIN)/ansible-builder create --file execution-environment.yml --context outputs/ee --output-filename Containerfile

# amazon.aws's own integration targets, on the emulator and on plain moto server: another project's tests, so they
# are not copied here. PEER_TARGETS is an amazon.aws checkout's tests/integration/targets at the pinned release, e.g.
#   git clone --depth 1 --branch 10.1.2 https://github.com/ansible-collections/amazon.aws /tmp/amazon.aws
#   make peer-tests PEER_TARGETS=/tmp/amazon.aws/tests/integration/targets [PEER_ONLY="ec2_vpc_net iam_role"]
peer-tests: venv ## Run amazon.aws's integration targets on the emulator and plain moto (PEER_TARGETS=<checkout>/tests/integration/targets)
	@test -n "$(PEER_TARGETS)" || { echo "PEER_TARGETS=<amazon.aws checkout>/tests/integration/targets is required"; exit 2; }
	$(BIN)/python -m tests.peer.harness --targets "$(PEER_TARGETS)" $(foreach target,$(PEER_ONLY),--target $(target))

emulator: venv ## Run the emulator in the foreground on EMULATOR_PORT
	$(BIN)/python -m emulator --port $(EMULATOR_PORT)

emulator-start: venv ## Start the emulator in the background (pid file in .emulator/)
	mkdir -p $(EMULATOR_DIR)
	$(BIN)/python -m emulator.control start --port $(EMULATOR_PORT) \
		--pid-file $(EMULATOR_PID) --log-file $(EMULATOR_LOG)

emulator-stop: ## Stop the background emulator started by emulator-start
	@if [ -x $(BIN)/python ]; then $(BIN)/python -m emulator.control stop --pid-file $(EMULATOR_PID); fi

clean: emulator-stop ## Remove the virtualenv and generated files
	rm -rf $(VENV) $(EMULATOR_DIR) outputs .pytest_cache .ruff_cache
