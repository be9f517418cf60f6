# The project's vocabulary: README and CI call these targets.
SHARED ?= $(abspath ../shared/data)
PG ?= postgres://postgres@127.0.0.1:5432/test?sslmode=disable
GO ?= go

.PHONY: demo build test test-pg e2e bench assets refdata check-generated lint fuzz

build:
	$(GO) build -o bin/jalin ./cmd/jalin

# Run Jalin with its demo data on embedded SQLite (data/jalin.db).
demo: build
	JALIN_SHARED_DATA=$(SHARED) ./bin/jalin serve --demo

# The test suite on SQLite; PostgreSQL too when JALIN_TEST_POSTGRES is set.
test:
	JALIN_SHARED_DATA=$(SHARED) $(GO) test ./...

test-pg:
	JALIN_SHARED_DATA=$(SHARED) JALIN_TEST_POSTGRES=$(PG) $(GO) test ./...

# Browser tests in headless Chromium (Debian package chromium).
e2e:
	JALIN_SHARED_DATA=$(SHARED) JALIN_E2E=required $(GO) test -count=1 -run 'Browser' ./e2e/... ./internal/browsertest/...

bench:
	$(GO) test -run '^$$' -bench . -benchmem ./region/ ./sqlstore/ ./geo/
	bash bench/api.sh

# Copy the pinned npm assets into the embedded folder, and regenerate the
# embedded region reference from the pinned idn-area-data.
assets:
	npm ci --no-audit --no-fund
	bash scripts/assets.sh

refdata:
	$(GO) run ./region/gen -src node_modules/idn-area-data/data -out region/data/regions.gz

# Generated files must be reproducible from the pinned sources.
check-generated: assets refdata
	git diff --exit-code -- web/static/vendor region/data

lint:
	test -z "$$(gofmt -l .)" || (gofmt -l . && false)
	$(GO) vet ./...

# Every fuzz target for its count in scripts/fuzz.sh (FUZZ_SCALE=50 halves them).
fuzz:
	GO=$(GO) bash scripts/fuzz.sh
