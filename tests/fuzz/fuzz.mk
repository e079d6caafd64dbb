# Fuzzing the untrusted-input parsers (STYLE.md §10). Included from the Makefile.
#   make fuzz-smoke   each harness, built with gcc/cc + ASan/UBSan, run once over its seeds
#   make fuzz         libFuzzer (needs clang), FUZZ_SECONDS per harness (default 60)
# Harnesses: tests/fuzz/fuzz_<name>.c; seeds: tests/fuzz/seeds/<name>/;
# dictionaries: tests/fuzz/<name>.dict. The parsers are compiled in directly
# (not from libweb.a or libbase.a), so they carry the sanitizers and the fuzzer's coverage.

FUZZ_SECONDS ?= 60
FUZZ_CLANG   ?= clang
FUZZ_TARGETS := urlencoded multipart csv xlsx
FUZZ_PARSERS := lib/base/buf.c lib/base/utf8.c lib/web/form.c lib/base/csv.c lib/base/xlsx.c
# the workbook reader's libraries (libzip, expat; not instrumented)
FUZZ_LIBS    := -lzip -lexpat
FUZZ_SAN     := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all

.PHONY: fuzz-smoke fuzz

$(BUILD)/fuzz/smoke_%: tests/fuzz/fuzz_%.c tests/fuzz/standalone.c $(FUZZ_PARSERS) $(wildcard lib/web/*.h lib/base/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(FUZZ_SAN) -o $@ tests/fuzz/fuzz_$*.c tests/fuzz/standalone.c $(FUZZ_PARSERS) $(FUZZ_LIBS)

$(BUILD)/fuzz/libfuzzer_%: tests/fuzz/fuzz_%.c $(FUZZ_PARSERS) $(wildcard lib/web/*.h lib/base/*.h)
	@mkdir -p $(dir $@)
	$(FUZZ_CLANG) $(ALL_CFLAGS) -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
	  -fno-omit-frame-pointer -o $@ tests/fuzz/fuzz_$*.c $(FUZZ_PARSERS) $(FUZZ_LIBS)

fuzz-smoke: $(addprefix $(BUILD)/fuzz/smoke_,$(FUZZ_TARGETS))
	@set -e; for t in $(FUZZ_TARGETS); do \
	  $(BUILD)/fuzz/smoke_$$t tests/fuzz/seeds/$$t; \
	done

# The corpus grows under $(BUILD)/fuzz/corpus/<name>; crashes land in
# $(BUILD)/fuzz/crash-<name>-*. Copy a fixed crash into the seeds as a regression.
fuzz:
	@if ! command -v $(FUZZ_CLANG) >/dev/null 2>&1; then \
	  echo "fuzz: $(FUZZ_CLANG) not found; running fuzz-smoke instead"; \
	  $(MAKE) --no-print-directory fuzz-smoke; exit $$?; fi; \
	set -e; for t in $(FUZZ_TARGETS); do \
	  $(MAKE) --no-print-directory $(BUILD)/fuzz/libfuzzer_$$t; \
	  mkdir -p $(BUILD)/fuzz/corpus/$$t; \
	  $(BUILD)/fuzz/libfuzzer_$$t -max_total_time=$(FUZZ_SECONDS) -max_len=65536 \
	    -dict=tests/fuzz/$$t.dict -artifact_prefix=$(BUILD)/fuzz/crash-$$t- \
	    -print_final_stats=1 $(BUILD)/fuzz/corpus/$$t tests/fuzz/seeds/$$t; \
	done
