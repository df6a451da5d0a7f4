/*
 * fuzz_csv.c: libFuzzer target for the spreadsheet reader: any bytes, read as the import
 * reads a file — encoding detected (UTF-8 or GB18030), converted while streaming, split
 * into CSV records — must give records or a clear error, never a crash, a hang or a leak.
 * Built and run by `make fuzz` (clang, AddressSanitizer, UndefinedBehaviorSanitizer).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "csv.h"
#include "encoding.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	rg_err e = {{0}};
	enc_kind kind;
	enc_stream *s = NULL;
	csv *c = NULL;
	FILE *f;

	if (size == 0)
		return 0; /* fmemopen refuses an empty buffer */
	f = fmemopen((void *)data, size, "rb");
	if (f == NULL)
		return 0;
	if (enc_detect(f, "fuzz.csv", &kind, &e) != RG_OK)
		goto out;
	if ((s = enc_open(f, "fuzz.csv", kind, &e)) == NULL)
		goto out;
	if ((c = csv_open(enc_file(s), "fuzz.csv")) == NULL)
		goto out;
	while (csv_read(c, &e) == RG_OK && csv_nfields(c) > 0) {
		/* Touch every field, as the import does, so a bad length is seen. */
		for (size_t i = 0; i < csv_nfields(c); i++)
			if (strlen(csv_field(c, i)) > size * 4 + 16)
				__builtin_trap();
	}
out:
	csv_close(c);
	enc_close(s);
	fclose(f);
	return 0;
}
