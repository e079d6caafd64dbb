# 单位网厅 — one GNU Makefile. `make help` lists the targets.
# Local overrides (CC, extra flags, ports) go into an ignored config.mk.
-include config.mk

CC      ?= cc
BUILD   ?= build
PORT    ?= 8080
TESTPORT ?= 8081
SHELL   := /bin/bash
# `make V=1` shows the full commands
Q       := $(if $(V),,@)

# ClearSilver ships static libraries and no pkg-config file.
CS_CFLAGS := -I/usr/include/ClearSilver
CS_LIBS   := -lneo_cgi -lneo_cs -lneo_utl -lz
PC_CFLAGS := $(shell pkg-config --cflags fcgi libmariadb check libxcrypt 2>/dev/null)
DB_LIBS   := $(shell pkg-config --libs libmariadb 2>/dev/null || echo -lmariadb)
CHECK_LIBS := $(shell pkg-config --libs check 2>/dev/null || echo -lcheck)
CURL_LIBS := $(shell pkg-config --libs libcurl 2>/dev/null || echo -lcurl)
# Excel both ways (spec §9): libxlsxwriter writes workbooks, libzip + expat read them.
XLSX_LIBS := $(shell pkg-config --libs xlsxwriter libzip expat 2>/dev/null || echo -lxlsxwriter -lzip -lexpat)

WARN    := -Wall -Wextra -Werror -Wshadow -Wformat=2 -Wno-format-nonliteral
CFLAGS  ?= -O2 -g
ALL_CFLAGS := -std=gnu11 -D_GNU_SOURCE $(WARN) $(CFLAGS) $(SANFLAGS) -Ilib $(CS_CFLAGS) $(PC_CFLAGS)
LDLIBS  := $(CS_LIBS) -lfcgi $(DB_LIBS) $(XLSX_LIBS) -lcrypt -lm
TOOL_LDLIBS := $(CS_LIBS) $(DB_LIBS) $(XLSX_LIBS) -lcrypt -lm

# ---- static libraries: every .c of a directory under lib/ ------------------
# web -> store, base -> rules: the pages link all four; the worker and the admin
# CLI everything but web (no FastCGI).
RULES_SRC := $(wildcard lib/rules/*.c)
BASE_SRC  := $(wildcard lib/base/*.c)
STORE_SRC := $(wildcard lib/store/*.c)
WEB_SRC   := $(wildcard lib/web/*.c)
LIBRULES  := $(BUILD)/librules.a
LIBBASE   := $(BUILD)/libbase.a
LIBSTORE  := $(BUILD)/libstore.a
LIBWEB    := $(BUILD)/libweb.a
TOOL_LIBS := $(LIBSTORE) $(LIBBASE) $(LIBRULES)
LIBS      := $(LIBWEB) $(TOOL_LIBS)

obj = $(patsubst %.c,$(BUILD)/obj/%.o,$(1))

# ---- programs: one FastCGI program per page (cgi/*.c); the admin CLI and the
# worker, one folder each (cgi/admin/, cgi/worker/) -------------------------
PAGE_SRC  := $(wildcard cgi/*.c)
PAGES     := $(patsubst cgi/%.c,$(BUILD)/cgi/%,$(PAGE_SRC))
ADMIN_SRC := $(wildcard cgi/admin/*.c)
WORKER_SRC := $(wildcard cgi/worker/*.c)
TOOLS     := $(BUILD)/portal-admin $(BUILD)/portal-worker

# ---- nginx's own error pages, rendered from templates/error.cs ----------------
ERROR_PAGES := $(foreach s,400 403 404 413 414 500 502 504,static/errors/$(s).html)

# ---- tests ------------------------------------------------------------------
UNIT_SRC  := $(wildcard tests/unit/test_*.c)
UNIT      := $(patsubst tests/unit/%.c,$(BUILD)/tests/%,$(UNIT_SRC))
IT_SUPPORT := $(wildcard tests/integration/support/*.c)
IT_SRC    := $(wildcard tests/integration/it_*.c)
IT        := $(patsubst tests/integration/%.c,$(BUILD)/tests/%,$(IT_SRC))

.SECONDARY:
.PHONY: all help run start stop admin test unit integration check-asan bench bench-deps bench-large install clean deps test-cluster bench-cluster
all: $(PAGES) $(TOOLS) $(ERROR_PAGES)

help:
	@echo "make run        everything up on http://127.0.0.1:$(PORT) (foreground, Ctrl-C stops)"
	@echo "make start|stop the same in the background"
	@echo "make test       unit + integration tests against a private stack on port $(TESTPORT)"
	@echo "make check-asan the same suite built with AddressSanitizer + UBSan"
	@echo "make bench      wrk benchmarks, one summary table (installs php8.2-fpm for the peer)"
	@echo "make test-cluster  the cluster tests: 3 Galera nodes, 2 portal hosts (conf/cluster)"
	@echo "make bench-cluster the same set-up's figures against one host"
	@echo "make bench-large the settlement of 1,000,000 persons (6 M rows) against 200,000: the growth"
	@echo "make admin ARGS=\"settle 2026-10\"   the admin CLI against the local instance"
	@echo "make install PREFIX=/opt/portal"

$(BUILD)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC    $<")
	$(Q)$(CC) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

$(LIBRULES): $(call obj,$(RULES_SRC))
$(LIBBASE):  $(call obj,$(BASE_SRC))
$(LIBSTORE): $(call obj,$(STORE_SRC))
$(LIBWEB):   $(call obj,$(WEB_SRC))
$(BUILD)/lib%.a:
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  AR    $@")
	$(Q)rm -f $@ && ar rcs $@ $^

$(BUILD)/cgi/%: $(BUILD)/obj/cgi/%.o $(LIBS)
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  LD    $@")
	$(Q)$(CC) $(ALL_CFLAGS) -o $@ $< $(LIBS) $(LDLIBS)

$(BUILD)/portal-admin: $(call obj,$(ADMIN_SRC)) $(TOOL_LIBS)
$(BUILD)/portal-worker: $(call obj,$(WORKER_SRC)) $(TOOL_LIBS)
$(TOOLS):
	@$(if $(Q),echo "  LD    $@")
	$(Q)$(CC) $(ALL_CFLAGS) -o $@ $(filter %.o,$^) $(TOOL_LIBS) $(TOOL_LDLIBS)

$(BUILD)/error-pages: $(BUILD)/obj/cgi/error-pages/main.o $(LIBS)
	@$(if $(Q),echo "  LD    $@")
	$(Q)$(CC) $(ALL_CFLAGS) -o $@ $< $(LIBS) $(LDLIBS)

$(ERROR_PAGES) &: $(BUILD)/error-pages templates/error.cs templates/layout.cs
	@mkdir -p static/errors
	@$(if $(Q),echo "  GEN   static/errors/")
	$(Q)$(BUILD)/error-pages templates static/errors

$(BUILD)/tests/test_%: $(BUILD)/obj/tests/unit/test_%.o $(LIBS)
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  LD    $@")
	$(Q)$(CC) $(ALL_CFLAGS) -o $@ $< $(LIBS) $(LDLIBS) $(CHECK_LIBS)

$(BUILD)/tests/it_%: $(BUILD)/obj/tests/integration/it_%.o $(call obj,$(IT_SUPPORT)) $(LIBS)
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  LD    $@")
	$(Q)$(CC) $(ALL_CFLAGS) -o $@ $< $(call obj,$(IT_SUPPORT)) $(LIBS) $(LDLIBS) $(CURL_LIBS) $(CHECK_LIBS)

# the cluster tests (make test-cluster): the integration tests' support, another folder
CL_SRC    := $(wildcard tests/cluster/cl_*.c)
CL        := $(patsubst tests/cluster/%.c,$(BUILD)/tests/%,$(CL_SRC))
$(BUILD)/tests/cl_%: $(BUILD)/obj/tests/cluster/cl_%.o $(call obj,$(IT_SUPPORT)) $(LIBS)
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  LD    $@")
	$(Q)$(CC) $(ALL_CFLAGS) -Itests/integration -o $@ $< $(call obj,$(IT_SUPPORT)) $(LIBS) $(LDLIBS) $(CURL_LIBS) $(CHECK_LIBS) -lpthread
$(BUILD)/obj/tests/cluster/%.o: tests/cluster/%.c
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC    $<")
	$(Q)$(CC) $(ALL_CFLAGS) -Itests/integration -MMD -MP -c -o $@ $<

-include tests/fuzz/fuzz.mk
-include $(shell find $(BUILD)/obj -name '*.d' 2>/dev/null)

# ---- the stack (conf/stack does the work; see README) -------------------------
bench-deps:
	@conf/deps --bench

deps:
	@conf/deps

run: deps all
	@conf/stack run run $(PORT) --demo

start: deps all
	@conf/stack start run $(PORT) --demo

# the admin CLI against the local instance: make admin ARGS="settle 2026-10"
admin: all
	@$(BUILD)/portal-admin $(ARGS)

stop:
	@conf/stack stop run

unit: $(UNIT)
	@BUILD=$(BUILD) tests/run-unit $(UNIT)

integration: all $(IT)
	@BUILD=$(BUILD) tests/run-integration $(TESTPORT) $(IT)

test: deps
	@$(MAKE) --no-print-directory all $(UNIT) $(IT)
	@BUILD=$(BUILD) tests/run-all $(TESTPORT)

check-asan: deps
	@$(MAKE) --no-print-directory BUILD=build/asan \
	  SANFLAGS="-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all" test

bench: deps bench-deps all
	@tests/bench/run

# The portal on a three-node Galera cluster with two portal hosts (conf/cluster,
# README "Running on several servers"): its own ports, TESTPORT+7 and 14151..
# (PORTAL_CLUSTER_PORT_BASE).
CLUSTERPORT ?= $(shell echo $$(( $(TESTPORT) + 7 )))
test-cluster: deps
	@$(MAKE) --no-print-directory all $(CL)
	@BUILD=$(BUILD) tests/cluster/run $(CLUSTERPORT) $(CL)

bench-cluster: deps all
	@BUILD=$(BUILD) tests/cluster/bench $(CLUSTERPORT)

# issue 15 item 4: settle 200,000 then 1,000,000 persons on a throwaway stack (instance
# bench-large, port $BENCH_SETTLE_PORT, default 8093) and print the growth (goal x5
# +-10%); long (about an hour on a loaded machine), and over 10 GB of disk while it
# runs (removed at the end)
bench-large: all
	@BENCH_SETTLE_LARGE=1 BENCH_SETTLE_INST=bench-large tests/bench/bench-settle

install: all
	@conf/install "$(PREFIX)"

clean:
	rm -rf build static/errors
