# manrs-check — plain GNU make.  `make demo`, `make test`; see README.md.
PREFIX	?= /usr/local
CC	?= cc
CFLAGS	?= -O2 -g
# The library and the CLI are optimised across files (the hot paths call
# small functions in other files: arena, range sets, tokens).  Fat objects:
# the unit tests and anyone linking libmanrs.a without LTO get plain code.
# `make LTO=` builds without.
LTO	?= -flto=auto -ffat-lto-objects
WARN	 = -std=c17 -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wno-unused-parameter
CPPFLAGS += -D_GNU_SOURCE -Iinclude -Isrc
LDLIBS	 = -ljansson -lpcre2-8 -lyaml -lz -lrtr -lnettle -lpthread
SAN	 = -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all

LIB_SRC	 := $(sort $(wildcard src/core/*.c src/conf/*.c src/vendors/*.c src/model/*.c \
	      src/policy/*.c src/data/*.c src/rules/*.c src/report/*.c))
CLI_SRC	 := $(sort $(wildcard src/cli/*.c))
UNIT_SRC := $(sort $(wildcard tests/unit/test_*.c))
FUZZ_SRC := $(sort $(wildcard tests/fuzz/fuzz_*.c))
HDRS	 := $(wildcard include/manrs/*.h src/*/*.h)

B	 = build
NPROC	:= $(shell nproc 2>/dev/null || echo 2)
LIB_OBJ	 = $(LIB_SRC:%.c=$(B)/obj/%.o)
CLI_OBJ	 = $(CLI_SRC:%.c=$(B)/obj/%.o)
ALIB_OBJ = $(LIB_SRC:%.c=$(B)/asan/%.o)
ACLI_OBJ = $(CLI_SRC:%.c=$(B)/asan/%.o)
UNITS	 = $(UNIT_SRC:tests/unit/%.c=$(B)/unit/%)
AUNITS	 = $(UNIT_SRC:tests/unit/%.c=$(B)/asan/unit/%)
# Rule pages embedded in the CLI for `manrs-check explain` (no data files).
DOC_MD	 := $(sort $(wildcard docs/rules/*.md))
DOC_OBJ	 = $(B)/gen/ruledocs.o
CLI_OBJ	+= $(DOC_OBJ)
ACLI_OBJ += $(DOC_OBJ)

.PHONY: all deps test check-unit check-golden demo bench fuzz lab install clean asan

all: deps $(B)/manrs-check $(B)/libmanrs.a

deps:
	@scripts/deps.sh build

$(B)/obj/%.o: %.c $(HDRS)
	@mkdir -p $(dir $@)
	$(CC) $(WARN) $(CFLAGS) $(LTO) $(CPPFLAGS) -c -o $@ $<

$(B)/asan/%.o: %.c $(HDRS)
	@mkdir -p $(dir $@)
	$(CC) $(WARN) -O1 -g $(SAN) $(CPPFLAGS) -c -o $@ $<

$(B)/gen/ruledocs.c: scripts/embed-docs.sh $(DOC_MD)
	@mkdir -p $(dir $@)
	scripts/embed-docs.sh $(DOC_MD) > $@.tmp && mv $@.tmp $@

$(DOC_OBJ): $(B)/gen/ruledocs.c $(HDRS)
	$(CC) $(WARN) $(CFLAGS) $(CPPFLAGS) -c -o $@ $<

$(B)/libmanrs.a: $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(B)/asan/libmanrs.a: $(ALIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(B)/manrs-check: $(CLI_OBJ) $(B)/libmanrs.a
	$(CC) $(WARN) $(CFLAGS) $(LTO) -o $@ $(CLI_OBJ) $(B)/libmanrs.a $(LDLIBS)

$(B)/asan/manrs-check: $(ACLI_OBJ) $(B)/asan/libmanrs.a
	$(CC) $(SAN) -o $@ $(ACLI_OBJ) $(B)/asan/libmanrs.a $(LDLIBS)

$(B)/unit/%: tests/unit/%.c tests/unit/helpers.h $(B)/libmanrs.a $(HDRS)
	@mkdir -p $(dir $@)
	$(CC) $(WARN) $(CFLAGS) $(CPPFLAGS) -o $@ $< $(B)/libmanrs.a $(LDLIBS) -lcmocka

$(B)/asan/unit/%: tests/unit/%.c tests/unit/helpers.h $(B)/asan/libmanrs.a $(HDRS)
	@mkdir -p $(dir $@)
	$(CC) $(WARN) -O1 -g $(SAN) $(CPPFLAGS) -o $@ $< $(B)/asan/libmanrs.a $(LDLIBS) -lcmocka

asan: $(B)/asan/manrs-check $(AUNITS)

# The README's test command: everything, plain and under ASan+UBSan.
test:
	@scripts/deps.sh test
	@$(MAKE) --no-print-directory -j$(NPROC) $(B)/manrs-check $(B)/libmanrs.a $(UNITS) asan
	tests/run.sh $(B)

demo: all
	@echo "== manrs-check examples/ =="
	-$(B)/manrs-check --policy examples/manrs-check.yaml examples/

# libFuzzer targets need clang.
FUZZ_FLAGS = -fsanitize=fuzzer,address,undefined -g -O1
# The library is compiled once with clang for every fuzz target.
FUZZ_OBJ = $(LIB_SRC:%.c=$(B)/fuzzobj/%.o)
fuzz: $(FUZZ_SRC:tests/fuzz/%.c=$(B)/fuzz/%)
$(B)/fuzzobj/%.o: %.c $(HDRS)
	@mkdir -p $(dir $@)
	clang -std=c17 -Wall -Wextra -Werror -Wno-unused-parameter -fsanitize=fuzzer-no-link,address,undefined -g -O1 $(CPPFLAGS) -c -o $@ $<
$(B)/fuzz/libmanrs-fuzz.a: $(FUZZ_OBJ)
	@mkdir -p $(dir $@)
	@rm -f $@
	ar rcs $@ $^
$(B)/fuzz/%: tests/fuzz/%.c $(wildcard tests/fuzz/*.h) $(B)/fuzz/libmanrs-fuzz.a $(HDRS)
	@mkdir -p $(dir $@)
	clang -std=c17 -Wall -Wextra -Werror -Wno-unused-parameter $(FUZZ_FLAGS) $(CPPFLAGS) -o $@ $< $(B)/fuzz/libmanrs-fuzz.a $(LDLIBS)

bench: all $(B)/bench/gen
	bench/run.sh $(B)

$(B)/bench/gen: bench/gen.c
	@mkdir -p $(dir $@)
	$(CC) $(WARN) -O2 $(CPPFLAGS) -o $@ bench/gen.c

lab: all
	@scripts/deps.sh lab
	tests/lab/run.sh $(B) full

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/lib \
	    $(DESTDIR)$(PREFIX)/include/manrs $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 755 $(B)/manrs-check $(DESTDIR)$(PREFIX)/bin/
	install -m 644 $(B)/libmanrs.a $(DESTDIR)$(PREFIX)/lib/
	install -m 644 include/manrs/*.h $(DESTDIR)$(PREFIX)/include/manrs/
	install -m 644 docs/manrs-check.1 $(DESTDIR)$(PREFIX)/share/man/man1/

clean:
	rm -rf $(B)
