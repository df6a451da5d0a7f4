/*
 * fuzz_pack.c: libFuzzer target for rule-pack loading: any bytes, saved as a pack's
 * default.lua, are loaded into the sandbox and their own CASES run, as `riskgrade test`
 * does — so a hostile or broken pack gets a rule error, never a crash, a hang past the
 * CPU limit, memory past the cap, or a leak.  Built and run by `make fuzz`.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "harness.h"
#include "rules.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The folder the pack is written to, made once per process. */
static const char *pack_dir(void)
{
	static char dir[] = "/tmp/riskgrade-fuzz-XXXXXX";
	static bool made;

	if (!made) {
		if (mkdtemp(dir) == NULL)
			abort();
		made = true;
	}
	return dir;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static FILE *sink;
	char path[256];
	rg_err e = {{0}};
	rules *r = NULL;
	int failures = 0;
	FILE *f;

	if (sink == NULL && (sink = fopen("/dev/null", "w")) == NULL)
		abort();
	snprintf(path, sizeof path, "%s/default.lua", pack_dir());
	if ((f = fopen(path, "wb")) == NULL)
		abort();
	if (fwrite(data, 1, size, f) != size || fclose(f) != 0)
		abort();
	if (rules_open(pack_dir(), "2026-12-01", &r, &e) == RG_OK)
		(void)harness_test(r, "default", &(harness_ctx){NULL}, sink, &failures, &e);
	rules_close(r);
	return 0;
}
